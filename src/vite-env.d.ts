// What vite replaces when it builds: `import.meta.env.MODE` is the browser a build is for ('chrome' or 'firefox';
// 'test' under vitest).
interface ImportMeta {
  readonly env: { readonly MODE: string };
}
