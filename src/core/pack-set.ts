// The installed packs as a set: their order, which are on, and the one compiled pack they make with the built-in data.
import { BUILTIN_META } from './builtin-sources';
import { compilePacks, type SourcePack } from './compile';
import { primaryLanguage } from './language';
import type { PacksByLanguage } from './pack';
import { countEntries, partsToCompile, type PackContent, type PackCounts } from './pack-file';

/** A pack as stored in IndexedDB. */
export interface InstalledPack extends PackContent {
  fileName: string;
  /** When it was imported (ISO time). */
  installed: string;
  /** Install sequence: later packs override earlier ones. Kept when a pack is replaced by a new version. */
  order: number;
  enabled: boolean;
  counts: PackCounts;
}

/** What the options page shows of a pack (its entries stay in the background). */
export type PackSummary = Omit<InstalledPack, 'parts' | 'disable'>;

export function summarise({ parts: _parts, disable: _disable, ...summary }: InstalledPack): PackSummary {
  return summary;
}

export function installedPack(content: PackContent, fileName: string, installed: string, order: number, enabled = true): InstalledPack {
  return { ...content, fileName, installed, order, enabled, counts: countEntries(content) };
}

export const inMergeOrder = (packs: readonly InstalledPack[]) => [...packs].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));

/** The built-in source packs of each language we ship (en, de), in their merge order. */
export type BuiltinSources = Record<string, readonly SourcePack[]>;

/** "en-GB" -> "en": packs are chosen by an article's primary language. */
export const packLanguage = (pack: Pick<InstalledPack, 'language'>) => primaryLanguage(pack.language) ?? pack.language;

/** Outlet tables (`kind: "sources"`) name outlets, not words: one table serves articles of every language. */
const isOutletTable = (part: SourcePack) => part.kind === 'sources';
const touchesOutlets = (pack: InstalledPack) => pack.parts.some(isOutletTable) || pack.disable.some((ruleId) => ruleId.startsWith('source:'));

/**
 * For each language with an enabled pack: the built-in data of that language followed by its enabled packs in install
 * order, compiled once. The outlet table is shared: every language's compiled pack gets the built-in outlets and the
 * outlets (and `source:` switches) of every enabled pack, whatever its language, and a pack that touches outlets has
 * every built-in language compiled, so a class's outlets are known in an article of any language. (A German pack used
 * to leave German articles with no outlet table at all.) Null when no pack is on: the background then analyses with
 * the built-in packs alone. Throws PackError if a set does not compile.
 */
export function compileEffective(builtin: BuiltinSources, packs: readonly InstalledPack[]): PacksByLanguage | null {
  const enabled = inMergeOrder(packs).filter((pack) => pack.enabled);
  if (enabled.length === 0) return null;
  const builtinOutlets = [...new Set(Object.values(builtin).flat().filter(isOutletTable))];
  const languages = new Set(enabled.map(packLanguage));
  if (enabled.some(touchesOutlets)) for (const language of Object.keys(builtin)) languages.add(language);
  const compiled: PacksByLanguage = {};
  for (const language of languages) {
    const sources: SourcePack[] = [...(builtin[language] ?? []).filter((part) => !isOutletTable(part)), ...builtinOutlets];
    const contributing: string[] = [];
    for (const pack of enabled) {
      const ofLanguage = packLanguage(pack) === language;
      if (!ofLanguage && !touchesOutlets(pack)) continue;
      const parts = partsToCompile(pack, sources);
      sources.push(...(ofLanguage ? parts : parts.filter(isOutletTable)));
      contributing.push(pack.id);
    }
    compiled[language] = compilePacks(sources, { ...BUILTIN_META, id: `builtin-${language}+${contributing.join('+')}`.slice(0, 200) });
  }
  return compiled;
}
