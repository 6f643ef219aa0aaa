// The article's headline and whether the page names its author, read from JSON-LD, <meta> tags and <title>.
//
// Follows Mozilla Readability's `_getJSONLD`, `_getArticleMetadata` and `_getArticleTitle` (Apache-2.0,
// https://github.com/mozilla/readability), so that our extractor drops the same duplicate headline and byline it does.
// Read-only: it never changes the page.

export interface ArticleMetadata {
  /** The headline: JSON-LD, then Dublin Core / Open Graph / Twitter <meta>, then a cleaned-up <title>. */
  title: string;
  /** The page states its author in metadata (then Readability keeps a byline element in the text). */
  hasByline: boolean;
}

const JSON_LD_ARTICLE_TYPES =
  /^Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference$/;
const SCHEMA_ORG = /^https?:\/\/schema\.org\/?$/;
const META_PROPERTY = /\s*(article|dc|dcterm|og|twitter)\s*:\s*(author|creator|description|published_time|title|site_name)\s*/gi;
const META_NAME = /^\s*(?:(dc|dcterm|og|twitter|parsely|weibo:(article|webpage))\s*[-.:]\s*)?(author|creator|pub-date|description|title|site_name)\s*$/i;
const TOKENS = /\W+/g;
const NORMALIZE = /\s{2,}/g;
const HTML_ESCAPES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Where the metadata is read: the whole document, or on a huge page (extract-scope.ts) <meta> and JSON-LD from <head>
 * and headings from the narrowed part only, as every query over a million nodes costs 10-20 ms.
 */
export interface MetadataScope {
  metadataIn: Document | Element;
  headingsIn: Document | Element;
}

export function readMetadata(doc: Document, scope: MetadataScope = { metadataIn: doc, headingsIn: doc }): ArticleMetadata {
  const jsonLd = readJsonLd(doc, scope);
  const values: Record<string, string> = {};
  for (const element of Array.from(scope.metadataIn.getElementsByTagName('meta'))) {
    const content = element.getAttribute('content');
    if (!content) continue;
    const property = element.getAttribute('property');
    const name = element.getAttribute('name');
    let matched = false;
    if (property) {
      META_PROPERTY.lastIndex = 0;
      const match = property.match(META_PROPERTY);
      if (match) {
        matched = true;
        values[match[0]!.toLowerCase().replace(/\s/g, '')] = content.trim();
      }
    }
    if (!matched && name && META_NAME.test(name)) {
      values[name.toLowerCase().replace(/\s/g, '').replace(/\./g, ':')] = content.trim();
    }
  }
  const title =
    jsonLd.title ||
    values['dc:title'] ||
    values['dcterm:title'] ||
    values['og:title'] ||
    values['weibo:article:title'] ||
    values['weibo:webpage:title'] ||
    values['title'] ||
    values['twitter:title'] ||
    values['parsely-title'] ||
    titleFromDocument(doc, scope.headingsIn);
  const articleAuthor = values['article:author'] && !isUrl(values['article:author']) ? values['article:author'] : undefined;
  const byline = jsonLd.byline || values['dc:creator'] || values['dcterm:creator'] || values['author'] || values['parsely-author'] || articleAuthor;
  return { title: unescapeHtmlEntities(title), hasByline: Boolean(byline) };
}

/** Readability's `_textSimilarity`: 1 when every word of `b` is in `a`, falling towards 0 as `b` has words of its own. */
export function textSimilarity(a: string, b: string): number {
  const tokensA = a.toLowerCase().split(TOKENS).filter(Boolean);
  const tokensB = b.toLowerCase().split(TOKENS).filter(Boolean);
  if (!tokensA.length || !tokensB.length) return 0;
  const setA = new Set(tokensA);
  const unique = tokensB.filter((token) => !setA.has(token));
  return 1 - unique.join(' ').length / tokensB.join(' ').length;
}

function isUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function unescapeHtmlEntities(value: string): string {
  return value
    .replace(/&(quot|amp|apos|lt|gt);/g, (_, name: string) => HTML_ESCAPES[name] ?? '')
    .replace(/&#(?:x([0-9a-f]+)|([0-9]+));/gi, (_, hex: string | undefined, decimal: string | undefined) => {
      let code = parseInt(hex ?? decimal ?? '0', hex ? 16 : 10);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) code = 0xfffd;
      return String.fromCodePoint(code);
    });
}

interface JsonLdMetadata {
  title?: string;
  byline?: string;
}

function readJsonLd(doc: Document, scope: MetadataScope): JsonLdMetadata {
  for (const script of Array.from(scope.metadataIn.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      let parsed: unknown = JSON.parse((script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
      if (Array.isArray(parsed)) {
        parsed = parsed.find((item) => isRecord(item) && typeof item['@type'] === 'string' && JSON_LD_ARTICLE_TYPES.test(item['@type']));
        if (!parsed) continue;
      }
      if (!isRecord(parsed)) continue;
      const context = parsed['@context'];
      const schemaOrg =
        (typeof context === 'string' && SCHEMA_ORG.test(context)) ||
        (isRecord(context) && typeof context['@vocab'] === 'string' && SCHEMA_ORG.test(context['@vocab']));
      if (!schemaOrg) continue;
      let item: unknown = parsed;
      if (!parsed['@type'] && Array.isArray(parsed['@graph'])) {
        item = parsed['@graph'].find((entry) => isRecord(entry) && typeof entry['@type'] === 'string' && JSON_LD_ARTICLE_TYPES.test(entry['@type']));
      }
      if (!isRecord(item) || typeof item['@type'] !== 'string' || !JSON_LD_ARTICLE_TYPES.test(item['@type'])) continue;
      // The first article-typed JSON-LD block decides, as in Readability.
      const out: JsonLdMetadata = {};
      const { name, headline, author } = item;
      if (typeof name === 'string' && typeof headline === 'string' && name !== headline) {
        const title = titleFromDocument(doc, scope.headingsIn);
        const nameMatches = textSimilarity(name, title) > 0.75;
        const headlineMatches = textSimilarity(headline, title) > 0.75;
        out.title = headlineMatches && !nameMatches ? headline : name;
      } else if (typeof name === 'string') out.title = name.trim();
      else if (typeof headline === 'string') out.title = headline.trim();
      if (isRecord(author) && typeof author['name'] === 'string') out.byline = author['name'].trim();
      else if (Array.isArray(author) && isRecord(author[0]) && typeof author[0]['name'] === 'string') {
        out.byline = author
          .filter((entry): entry is Record<string, string> => isRecord(entry) && typeof entry['name'] === 'string')
          .map((entry) => entry['name']!.trim())
          .join(', ');
      }
      return out;
    } catch {
      // Not JSON: Readability skips it too.
    }
  }
  return {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function wordCount(value: string): number {
  return value.split(/\s+/).length;
}

/** Readability's `_getArticleTitle`: <title> with the site name cut off, or the only <h1>. */
export function titleFromDocument(doc: Document, headingsIn: Document | Element = doc): string {
  // As browsers and jsdom report it: ASCII white space collapsed (linkedom does not).
  const original = (doc.title ?? '').replace(/[\t\n\f\r ]+/g, ' ').trim();
  let title = original;
  let hadHierarchicalSeparators = false;
  if (/ [|\-\\/>»] /.test(title)) {
    hadHierarchicalSeparators = / [\\/>»] /.test(title);
    const separators = Array.from(original.matchAll(/ [|\-\\/>»] /gi));
    title = original.substring(0, separators[separators.length - 1]!.index);
    if (wordCount(title) < 3) title = original.replace(/^[^|\-\\/>»]*[|\-\\/>»]/gi, '');
  } else if (title.includes(': ')) {
    const trimmed = title.trim();
    const matches = Array.from(headingsIn.querySelectorAll('h1, h2')).some((heading) => (heading.textContent ?? '').trim() === trimmed);
    if (!matches) {
      title = original.substring(original.lastIndexOf(':') + 1);
      if (wordCount(title) < 3) title = original.substring(original.indexOf(':') + 1);
      else if (wordCount(original.substring(0, original.indexOf(':'))) > 5) title = original;
    }
  } else if (title.length > 150 || title.length < 15) {
    const headings = headingsIn.getElementsByTagName('h1');
    if (headings.length === 1) title = (headings[0]!.textContent ?? '').trim().replace(NORMALIZE, ' ');
  }
  title = title.trim().replace(NORMALIZE, ' ');
  const words = wordCount(title);
  if (words <= 4 && (!hadHierarchicalSeparators || words !== wordCount(original.replace(/[|\-\\/>»]+/g, '')) - 1)) {
    title = original;
  }
  return title;
}
