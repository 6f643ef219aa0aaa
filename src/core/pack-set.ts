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

/**
 * For each language with an enabled pack: the built-in data of that language followed by its enabled packs in install
 * order, compiled once. Null when no pack is on: the background then analyses with the built-in packs alone.
 * Throws PackError if a set does not compile.
 */
export function compileEffective(builtin: BuiltinSources, packs: readonly InstalledPack[]): PacksByLanguage | null {
  const enabled = inMergeOrder(packs).filter((pack) => pack.enabled);
  if (enabled.length === 0) return null;
  const compiled: PacksByLanguage = {};
  for (const language of new Set(enabled.map(packLanguage))) {
    const ofLanguage = enabled.filter((pack) => packLanguage(pack) === language);
    const sources: SourcePack[] = [...(builtin[language] ?? [])];
    for (const pack of ofLanguage) sources.push(...partsToCompile(pack, sources));
    compiled[language] = compilePacks(sources, { ...BUILTIN_META, id: `builtin-${language}+${ofLanguage.map((pack) => pack.id).join('+')}`.slice(0, 200) });
  }
  return compiled;
}
