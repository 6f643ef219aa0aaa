// Which data files make up the built-in pack and how it is compiled and written: shared by scripts/compile-packs.ts and its staleness test.

import { compilePacks, parseSourcePack } from './compile';
import type { CompiledPack } from './pack';

/** In merge order; file names under src/data/. */
export const BUILTIN_SOURCES = ['attribution.json', 'boilerplate.json', 'loaded-terms.json', 'sources.json'] as const;

export const BUILTIN_META = {
  id: 'builtin',
  version: '1.0.0',
  // The compiled file carries data from sources.json and loaded-terms.json, both CC BY-SA 4.0 (see src/data/LICENSES.md).
  license: 'CC-BY-SA-4.0 (data derived from Wikipedia; see src/data/LICENSES.md); code MIT',
};

/**
 * The German pack: its own attribution cues and lexicon. Outlets are not language-bound: builtin-packs.ts lends it
 * the outlet table of the English pack at load time instead of shipping a second copy in the content script.
 */
export const BUILTIN_DE_SOURCES = ['de/attribution.json', 'de/loaded-terms.json'] as const;

export const BUILTIN_DE_META = { id: 'builtin-de', version: '1.0.0', license: 'MIT (German cues and lexicon written for this project; see src/data/LICENSES.md)' };

/** Parses (validates) each raw JSON source and compiles them; throws PackError naming the file and path on bad data. */
export function compileBuiltin(raw: readonly unknown[], files: readonly string[] = BUILTIN_SOURCES, meta = BUILTIN_META): CompiledPack {
  const packs = raw.map((json, i) => parseSourcePack(json, files[i] ?? `source ${i}`));
  return compilePacks(packs, meta);
}

/** The exact bytes written to src/data/compiled/builtin.json (deterministic, one trailing newline). */
export function serialiseCompiled(pack: CompiledPack): string {
  return `${JSON.stringify(pack)}\n`;
}
