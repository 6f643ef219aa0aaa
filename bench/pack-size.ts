// "A 5,000-term class pack costs no more per page than the built-in one": analyse() of the seed article with the
// built-in pack and with the built-in data plus a generated 5,000-term teacher pack (compiled once, as on import),
// and print both medians. Run: npx tsx bench/pack-size.ts [runs]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseHTML } from 'linkedom';
import { analyze } from '../src/core/analyze';
import { BUILTIN_SOURCES } from '../src/core/builtin-sources';
import { parseSourcePack } from '../src/core/compile';
import { builtinPack } from '../src/core/builtin-packs';
import type { CompiledPack } from '../src/core/pack';
import { parsePackFile } from '../src/core/pack-file';
import { compileEffective, installedPack } from '../src/core/pack-set';
import { findArticle } from '../src/content/extract';
import { TextMap } from '../src/content/text-map';
import { median, percentile } from './stats';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TERMS = 5_000;
const RUNS = Number(process.argv[2] ?? 300);
const CATEGORIES = ['labelling', 'emotive', 'vague', 'euphemism', 'puffery', 'editorializing', 'doubt'];

function seedText(): string {
  const { document } = parseHTML(readFileSync(`${ROOT}test/fixtures/pages/seed-kazakhstan.html`, 'utf8'));
  const article = findArticle(document as unknown as Document);
  if (!article) throw new Error('no article in the seed page');
  return TextMap.build(article.root, article.skip).text;
}

/** A class pack of made-up words and two-word phrases, a few of which occur in the seed article. */
function generatedPackFile(): string {
  const syllables = ['ka', 'zo', 'ri', 'mel', 'tun', 'dra', 'vo', 'sen', 'pli', 'gor'];
  const word = (n: number) => `${syllables[n % 10]}${syllables[Math.floor(n / 10) % 10]}${syllables[Math.floor(n / 100) % 10]}${syllables[Math.floor(n / 1000) % 10]}x`;
  const entries = Array.from({ length: TERMS }, (_, n) => ({
    id: `term-${n}`,
    term: n % 5 === 0 ? `${word(n)} ${word(n + 1)}` : word(n),
    inflect: n % 3 === 0 ? 'noun' : 'none',
    category: CATEGORIES[n % CATEGORIES.length],
    why: `Generated term ${n} for the pack-size benchmark; it stands in for a class's own word.`,
    alternative: 'a plainer word',
  }));
  for (const [i, term] of ['peacekeeper', 'turbulent', 'coalition', 'reinforcements', 'standstill'].entries()) entries[i * 997] = { ...entries[i * 997]!, term };
  return JSON.stringify({ kind: 'bundle', id: 'bench-5000', version: '1.0.0', language: 'en', license: 'CC0-1.0', packs: [{ kind: 'loaded-terms', entries }] });
}

function time(text: string, pack: CompiledPack): number[] {
  for (let i = 0; i < 30; i++) analyze(text, pack);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    analyze(text, pack);
    times.push(performance.now() - started);
  }
  return times;
}

const text = seedText();
const builtin = BUILTIN_SOURCES.map((file) => parseSourcePack(JSON.parse(readFileSync(`${ROOT}src/data/${file}`, 'utf8')), file));
const compileStarted = performance.now();
const parsed = parsePackFile(generatedPackFile(), 'bench-5000.json', builtin);
if (!parsed.ok) throw new Error(`${parsed.file} is not a valid pack:\n${parsed.problems.join('\n')}`);
const classPack = compileEffective({ en: builtin }, [installedPack(parsed.pack, 'bench-5000.json', new Date().toISOString(), 1)])!.en!;
const compileMs = performance.now() - compileStarted;

const withBuiltin = time(text, builtinPack());
const withClass = time(text, classPack);
const fmt = (ms: number) => `${ms.toFixed(3)} ms`;
console.log(`pack size: seed article (${text.length} chars), ${RUNS} warm runs each`);
console.log(`  built-in pack (${builtinPack().loaded.entries.length} loaded terms): analyze() median ${fmt(median(withBuiltin))}, p95 ${fmt(percentile(withBuiltin, 95))}`);
console.log(`  + 5,000-term class pack (${classPack.loaded.entries.length} loaded terms): analyze() median ${fmt(median(withClass))}, p95 ${fmt(percentile(withClass, 95))}`);
console.log(`  ratio of medians ${(median(withClass) / median(withBuiltin)).toFixed(2)}; import (parse + validate + compile, once) ${compileMs.toFixed(0)} ms; compiled JSON ${(JSON.stringify(classPack).length / 1024 / 1024).toFixed(1)} MB`);

// What the analysis medians leave out: had pages received the compiled class pack from the background on every
// visit (Chromium sends messages as JSON, Firefox as a structured clone), they would pay this; a page with only
// the built-in pack parses its bundled text. Both are printed, so the cost of shipping a big pack is not hidden.
function timesOf(work: () => unknown): number[] {
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return times;
}
const builtinText = JSON.stringify(builtinPack());
const classText = JSON.stringify(classPack);
console.log(
  `  per page, before analysing (medians of 30): built-in pack parsed from its bundled text ${fmt(median(timesOf(() => JSON.parse(builtinText))))}; ` +
    `a class pack, if pages received it: as JSON ${fmt(median(timesOf(() => JSON.parse(classText))))}, as a structured clone ${fmt(median(timesOf(() => structuredClone(classPack))))}`,
);
console.log(`  what a page sends instead while a class pack is on (page/analyze): its article text, cloned in ${fmt(median(timesOf(() => structuredClone({ text, lang: null }))))}`);
