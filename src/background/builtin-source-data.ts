// The built-in source packs (src/data/*.json) as the background compiles them with a teacher's packs. Parsed on first
// use only: a background that never sees a pack change never pays for it.
import { BUILTIN_SOURCES } from '../core/builtin-sources';
import { parseSourcePack, type SourcePack } from '../core/compile';
import attribution from '../data/attribution.json';
import boilerplate from '../data/boilerplate.json';
import loadedTerms from '../data/loaded-terms.json';
import sources from '../data/sources.json';

const RAW: Record<(typeof BUILTIN_SOURCES)[number], unknown> = {
  'attribution.json': attribution,
  'boilerplate.json': boilerplate,
  'loaded-terms.json': loadedTerms,
  'sources.json': sources,
};

let parsed: SourcePack[] | null = null;

/** In the merge order of the built-in pack (BUILTIN_SOURCES). */
export function builtinSourcePacks(): SourcePack[] {
  parsed ??= BUILTIN_SOURCES.map((file) => parseSourcePack(RAW[file], file));
  return parsed;
}
