// Command-line analyser: the content script's own extraction and analysis, run on saved pages or plain-text articles.
// Usage: npm run --silent analyze -- [--url URL] FILE...   (one JSON line per file on stdout)
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { parseHTML } from 'linkedom';
import { analyze } from '../src/core/analyze';
import { normalisePlainText } from '../src/core/plain-text';
import { lookupDomain } from '../src/core/site';
import { findArticle } from '../src/content/extract';
import { TextMap } from '../src/content/text-map';

interface Article {
  title: string;
  text: string;
}

async function readArticle(file: string): Promise<Article | null> {
  const bytes = await readFile(file);
  if (/\.txt$/i.test(file)) {
    const text = normalisePlainText(bytes.toString('utf8'));
    return { title: text.split('\n', 1)[0] ?? '', text };
  }
  const html = (/\.gz$/i.test(file) ? gunzipSync(bytes) : bytes).toString('utf8');
  const { document } = parseHTML(html);
  const found = findArticle(document as unknown as Document);
  if (!found) return null;
  return { title: found.title, text: TextMap.build(found.root, found.skip).text };
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
  const site = host ? (lookupDomain(host) ?? null) : null;
  let failures = 0;
  for (const file of positionals) {
    try {
      const article = await readArticle(file);
      const findings = article ? analyze(article.text).findings : [];
      process.stdout.write(JSON.stringify({ file, url: values.url ?? null, article, site, findings }) + '\n');
    } catch (error) {
      failures++;
      process.stderr.write(`${file}: ${(error as Error).message}\n`);
    }
  }
  return failures ? 1 : 0;
}

main().then((code) => process.exit(code));
