// The built-in source packs of each language (src/data/*.json, src/data/de/*.json) as the background compiles them with
// a teacher's packs. They are files of the extension, fetched and parsed when a pack is first compiled: bundled into
// the background's code, they were read and compiled on every start of the service worker, before it could answer a
// page (bench/README.md, "A stopped background").
import { BUILTIN_DE_SOURCES, BUILTIN_SOURCES } from '../core/builtin-sources';
import { parseSourcePack } from '../core/compile';
import type { BuiltinSources } from '../core/pack-set';

/** Where the build puts them in the extension (vite.config.ts). */
export const BUILTIN_SOURCE_DIR = 'builtin';

export type BuiltinSourceFile = (typeof BUILTIN_SOURCES)[number] | (typeof BUILTIN_DE_SOURCES)[number];

/** The packs from `read` (one file's text), read once; a failed read is tried again when they are next asked for. */
export function builtinSourceLoader(read: (file: BuiltinSourceFile) => Promise<string>): () => Promise<BuiltinSources> {
  let loading: Promise<BuiltinSources> | undefined;
  const parse = (files: readonly BuiltinSourceFile[]) => Promise.all(files.map(async (file) => parseSourcePack(JSON.parse(await read(file)), file)));
  return () =>
    (loading ??= Promise.all([parse(BUILTIN_SOURCES), parse(BUILTIN_DE_SOURCES)]).then(
      ([en, de]) => ({ en, de }),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
}

/** Per language, in the merge order of its built-in pack (builtin-sources.ts), as the build ships them. */
export const builtinSourcePacks = builtinSourceLoader(async (file) => {
  // A path from the extension's root: the service worker's address in Chrome, the generated page's in Firefox.
  const response = await fetch(`/${BUILTIN_SOURCE_DIR}/${file}`);
  if (!response.ok) throw new Error(`${file}: ${response.status} ${response.statusText}`);
  return response.text();
});
