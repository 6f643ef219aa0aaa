// What the gate (extract-readerable.ts) shares with the extraction proper: Readability's patterns for class names
// that rule a paragraph out, and its attribute-only visibility test. In a module of their own so that the gate, which
// every page runs, does not pull in the extraction, which only article pages load (article-code.ts).

export const UNLIKELY_CANDIDATES =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
export const MAYBE_CANDIDATE = /and|article|body|column|content|main|shadow/i;

const INLINE_DISPLAY_NONE = /(?:^|;)\s*display\s*:\s*none\s*(?:!\s*important\s*)?(?:;|$)/i;
const INLINE_VISIBILITY_HIDDEN = /(?:^|;)\s*visibility\s*:\s*hidden\s*(?:!\s*important\s*)?(?:;|$)/i;

/**
 * Readability's `_isProbablyVisible`, from attributes only (inline style, `hidden`, `aria-hidden`): no layout.
 * `isProbablyReaderable` uses the same test without `visibility: hidden`.
 */
export function isProbablyVisible(element: Element, checkVisibility = true): boolean {
  const style = element.getAttribute('style');
  if (style && (INLINE_DISPLAY_NONE.test(style) || (checkVisibility && INLINE_VISIBILITY_HIDDEN.test(style)))) return false;
  if (element.hasAttribute('hidden')) return false;
  if (element.getAttribute('aria-hidden') === 'true' && !(element.getAttribute('class') ?? '').includes('fallback-image')) return false;
  return true;
}
