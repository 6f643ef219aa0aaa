// The content script's two built files, at the extension's root: vite.config.ts writes them under these names, the
// content script imports the second (article-loader.ts), and the bench and the tests find both in traces.

/** The classic script every page loads (the manifest's content script). */
export const CONTENT_SCRIPT_FILE = 'content.js';
/** The article-only module, imported once a page passes the gate; web-accessible. */
export const ARTICLE_CODE_FILE = 'article.js';
/** The first line of ARTICLE_CODE_FILE: V8's explicit compile hint (compile every function while the module streams). */
export const COMPILE_ALL_ON_LOAD = '//# allFunctionsCalledOnLoad';
