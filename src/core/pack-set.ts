// The installed packs as a set: their order, which are on, and the one compiled pack they make with the built-in data.
import { BUILTIN_META } from './builtin-sources';
import { compilePacks, type SourcePack } from './compile';
import type { CompiledPack } from './pack';
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

/**
 * The built-in data followed by every enabled pack in install order, compiled once; null when no pack is on, so that
 * pages keep the bundled built-in pack and pay nothing extra. Throws PackError if a pack does not compile.
 */
export function compileEffective(builtin: readonly SourcePack[], packs: readonly InstalledPack[]): CompiledPack | null {
  const enabled = inMergeOrder(packs).filter((pack) => pack.enabled);
  if (enabled.length === 0) return null;
  const sources: SourcePack[] = [...builtin];
  for (const pack of enabled) sources.push(...partsToCompile(pack, sources));
  return compilePacks(sources, { ...BUILTIN_META, id: `builtin+${enabled.map((pack) => pack.id).join('+')}`.slice(0, 200) });
}
