// Command-line analyser: the content script's own extraction and analysis, run on saved pages or plain-text articles.
// Usage: npm run --silent analyze -- [--url URL] FILE...   (one JSON line per file on stdout)
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { parseHTML } from 'linkedom';
import { analyzeArticle, builtinPack } from '../src/core/builtin-packs';
import { normalisePlainText } from '../src/core/plain-text';
import { lookupDomain } from '../src/core/sources';
import { findArticle } from '../src/content/extract';
import { TextMap } from '../src/content/text-map';

interface Article {
  title: string;
  text: string;
}

/** The article's text, and the lang attribute that picks its pack, as the content script reads them. */
interface ReadArticle {
  article: Article;
  lang: string | null;
}

async function readArticle(file: string): Promise<ReadArticle | null> {
  const bytes = await readFile(file);
  if (/\.txt$/i.test(file)) {
    const text = normalisePlainText(bytes.toString('utf8'));
    return { article: { title: text.split('\n', 1)[0] ?? '', text }, lang: null };
  }
  const html = (/\.gz$/i.test(file) ? gunzipSync(bytes) : bytes).toString('utf8');
  const { document } = parseHTML(html);
  const found = findArticle(document as unknown as Document);
  if (!found) return null;
  return { article: { title: found.title, text: TextMap.build(found.root, found.skip).text }, lang: found.lang };
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname;
  } catch {
    throw new Error(`--url is not an address: ${url}`);
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { url: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  if (values.help || positionals.length === 0) {
    process.stderr.write('usage: npm run --silent analyze -- [--url URL] FILE...\n  FILE: a saved page (.html, .html.gz) or a plain-text article (.txt)\n');
    return positionals.length === 0 && !values.help ? 2 : 0;
  }
  const host = hostOf(values.url);
  const site = host ? (lookupDomain(host, builtinPack()) ?? null) : null;
  let failures = 0;
  for (const file of positionals) {
    try {
      const read = await readArticle(file);
      // The pack for the article's language, as in the content script (German text gets the German pack).
      const findings = read ? analyzeArticle(read.article.text, read.lang).findings : [];
      process.stdout.write(JSON.stringify({ file, url: values.url ?? null, article: read?.article ?? null, site, findings }) + '\n');
    } catch (error) {
      failures++;
      process.stderr.write(`${file}: ${(error as Error).message}\n`);
    }
  }
  return failures ? 1 : 0;
}

main().then((code) => process.exit(code));
