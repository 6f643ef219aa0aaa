// The extension's built-in data as the background reads it: the compiled packs it analyses articles with, and the
// source packs (src/data/*.json, src/data/de/*.json) it compiles a teacher's packs with. They are files of the
// extension, fetched and parsed when first needed: bundled into the background's code, they were read and compiled on
// every start of the service worker, before it could answer a page (bench/README.md, "A stopped background").
import { BUILTIN_DE_SOURCES, BUILTIN_SOURCES } from '../core/builtin-sources';
import { parseSourcePack } from '../core/compile';
import { loadOnce } from '../core/load-once';
import { builtinPackLookup, type PackLookup } from '../core/pack-choice';
import type { BuiltinSources } from '../core/pack-set';

/** Where the build puts them in the extension (vite.config.ts). */
export const BUILTIN_DATA_DIR = 'builtin';

/**
 * The compiled packs' files under BUILTIN_DATA_DIR, written from src/data/compiled/ by the build, gzipped: a worker's
 * first fetch of an extension file is slow, and slower by the byte (bench/README.md, "A stopped background").
 */
export const BUILTIN_PACK_FILES = { en: 'compiled/builtin.json.gz', de: 'compiled/builtin-de.json.gz' } as const;

export type BuiltinSourceFile = (typeof BUILTIN_SOURCES)[number] | (typeof BUILTIN_DE_SOURCES)[number];
export type BuiltinDataFile = BuiltinSourceFile | (typeof BUILTIN_PACK_FILES)[keyof typeof BUILTIN_PACK_FILES];

/** The source packs per language, in the merge order of its built-in pack (builtin-sources.ts), from `read`. */
export function builtinSourceLoader(read: (file: BuiltinSourceFile) => Promise<string>): () => Promise<BuiltinSources> {
  const parse = (files: readonly BuiltinSourceFile[]) => Promise.all(files.map(async (file) => parseSourcePack(JSON.parse(await read(file)), file)));
  return loadOnce(async () => {
    const [en, de] = await Promise.all([parse(BUILTIN_SOURCES), parse(BUILTIN_DE_SOURCES)]);
    return { en, de };
  });
}

/** The compiled packs by language from `read`, each parsed on its first use. */
export function builtinPackLoader(read: (file: BuiltinDataFile) => Promise<string>): () => Promise<PackLookup> {
  return loadOnce(async () => {
    const [en, de] = await Promise.all([read(BUILTIN_PACK_FILES.en), read(BUILTIN_PACK_FILES.de)]);
    return builtinPackLookup({ en, de });
  });
}

async function readBuiltinFile(file: BuiltinDataFile): Promise<string> {
  // A path from the extension's root: the service worker's address in Chrome, the generated page's in Firefox.
  const response = await fetch(`/${BUILTIN_DATA_DIR}/${file}`);
  if (!response.ok || response.body === null) throw new Error(`${file}: ${response.status} ${response.statusText}`);
  return file.endsWith('.gz') ? new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).text() : response.text();
}

/** As the build ships them. */
export const builtinSourcePacks = builtinSourceLoader(readBuiltinFile);
export const builtinCompiledPacks = builtinPackLoader(readBuiltinFile);
