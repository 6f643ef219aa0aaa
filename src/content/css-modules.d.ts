// Vite's `?inline` import of a style sheet: its text, for a constructed style sheet (see shadow-styles.ts).
declare module '*.css?inline' {
  const css: string;
  export default css;
}
