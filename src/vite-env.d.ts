// What vite replaces when it builds: `import.meta.env.MODE` is the browser a build is for ('chrome' or 'firefox';
// 'test' under vitest).
interface ImportMeta {
  readonly env: { readonly MODE: string };
}

/** A file's text, imported with vite's `?raw` suffix. */
declare module '*?raw' {
  const text: string;
  export default text;
}
