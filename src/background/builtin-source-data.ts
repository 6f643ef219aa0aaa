// The built-in source packs of each language (src/data/*.json, src/data/de/*.json) as the background compiles them with
// a teacher's packs. Parsed on first use only: a background that never sees a pack change never pays for it.
import { BUILTIN_DE_SOURCES, BUILTIN_SOURCES } from '../core/builtin-sources';
import { parseSourcePack } from '../core/compile';
import type { BuiltinSources } from '../core/pack-set';
// As text, parsed when first needed: imported as JSON, the bundler wrote them as 650 KB of object literals, which the
// worker compiled and built on every start before it could answer a page (bench/README.md, "A stopped background").
import attribution from '../data/attribution.json?raw';
import boilerplate from '../data/boilerplate.json?raw';
import deAttribution from '../data/de/attribution.json?raw';
import deBoilerplate from '../data/de/boilerplate.json?raw';
import deLoadedTerms from '../data/de/loaded-terms.json?raw';
import loadedTerms from '../data/loaded-terms.json?raw';
import sources from '../data/sources.json?raw';

const RAW: Record<(typeof BUILTIN_SOURCES)[number] | (typeof BUILTIN_DE_SOURCES)[number], string> = {
  'attribution.json': attribution,
  'boilerplate.json': boilerplate,
  'loaded-terms.json': loadedTerms,
  'sources.json': sources,
  'de/attribution.json': deAttribution,
  'de/boilerplate.json': deBoilerplate,
  'de/loaded-terms.json': deLoadedTerms,
};

let parsed: BuiltinSources | null = null;

/** Per language, in the merge order of its built-in pack (builtin-sources.ts). */
export function builtinSourcePacks(): BuiltinSources {
  parsed ??= {
    en: BUILTIN_SOURCES.map((file) => parseSourcePack(JSON.parse(RAW[file]), file)),
    de: BUILTIN_DE_SOURCES.map((file) => parseSourcePack(JSON.parse(RAW[file]), file)),
  };
  return parsed;
}
