// Where the build puts the built-in source packs in the extension (vite.config.ts), for the background to fetch.
export const BUILTIN_SOURCE_DIR = 'builtin';
