// Loads the article-only code (article-code.ts, built as the web-accessible module article.js) the first time a page
// may hold an article; later analyses of the page reuse it. A failed load is tried again at the next analysis.

import { loadOnce } from '../core/load-once';
import { ARTICLE_CODE_FILE } from './built-files';

export type ArticleCode = typeof import('./article-code');

/**
 * Both browsers have `chrome.runtime.getURL`. Called inside `import()` itself: Mozilla's add-on linter takes exactly
 * that form as an address of the extension's own, and warns about any other argument.
 */
declare const chrome: { runtime: { getURL(path: string): string } };

export const loadArticleCode: () => Promise<ArticleCode> = loadOnce(
  () => import(/* @vite-ignore */ chrome.runtime.getURL(ARTICLE_CODE_FILE)) as Promise<ArticleCode>,
);
