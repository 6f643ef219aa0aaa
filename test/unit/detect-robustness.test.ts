// analyze() on odd input: never throws, findings sorted, in bounds and matching their text; and it stays fast.
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { builtinPack } from '../../src/core/builtin-packs';
import type { Analysis } from '../../src/core/findings';

function expectWellFormed(text: string, analysis: Analysis): void {
  let previous = -1;
  for (const finding of analysis.findings) {
    expect(finding.start).toBeGreaterThanOrEqual(previous);
    previous = finding.start;
    expect(finding.start).toBeGreaterThanOrEqual(0);
    expect(finding.end).toBeLessThanOrEqual(text.length);
    expect(finding.end).toBeGreaterThan(finding.start);
    expect(text.slice(finding.start, finding.end)).toBe(finding.text);
    expect(finding.why.length).toBeGreaterThan(0);
    if (finding.source !== undefined) expect(text.slice(finding.source.start, finding.source.end)).toBe(finding.source.text);
  }
  expect(analysis.promotionalShare).toBeGreaterThanOrEqual(0);
  expect(analysis.promotionalShare).toBeLessThanOrEqual(1);
}

// News vocabulary: the seed article beside the repository (../shared), or, in a checkout without it, a stand-in.
const SEED = new URL('../../../shared/seeds/000_4e4b098dba0c21ca.txt', import.meta.url);
const STAND_IN = [
  'Leaders of the security council will hold a virtual conference on Monday, the Kremlin has confirmed.',
  'It was first announced by the office of the prime minister, who currently chairs the organisation.',
  '“Yes, we are preparing for Monday,” he said when asked by journalists, according to the spokesman.',
  'Protests were quickly hijacked by radical elements as mobs called for regime change in the city.',
  'The peacekeepers arrived to guard the airport and other key infrastructure in a city of around 2 million people.',
  'READ MORE NEWS AT: our files. PLEASE HELP SUPPORT OUR INDEPENDENT MEDIA PLATFORM HERE',
].join('\n').repeat(3);
const seed = existsSync(SEED) ? readFileSync(SEED, 'utf8').trim() : STAND_IN;

describe('analyze on odd input', () => {
  it.each([
    ['empty', ''],
    ['newlines only', '\n\n\n'],
    ['100 KB without spaces', 'a'.repeat(100_000)],
    // Found by the property test below: a description after a name that ends with "in" at the end of the text.
    ['an apposition ending in a connector', 'Following Council,in'],
    ['100 KB of dots', '.'.repeat(100_000)],
    ['100 KB of letters and dots', 'a.'.repeat(50_000)],
    ['100 KB of quotes', '“'.repeat(100_000)],
    ['100 KB of pipes', ' | '.repeat(33_000)],
    ['RTL', 'قال المتحدث باسم الكرملين إن المحادثات ستستمر. אמר הדובר כי השיחות יימשכו.'],
    ['emoji', '🔥🔥 Mobs 🔥 said 👍🏽 according to 🙂'],
    ['combining marks', 'e\u0301\u0301\u0301 said a\u0308\u0308 according to o\u0302'],
    ['lone surrogates', '\ud800 said \udfff mob \ud83d'],
    ['NUL and controls', '\u0000said\u0001 mob\u0007 according to\u001b'],
    ['only punctuation', '“”„“«»‹›"\'‘’,.;:!?…—–-'],
    ['dangling phrases', 'according to\nsaid\nwas confirmed by\n, said\n“, he said'],
  ])('%s', (_name, text) => {
    const analysis = analyze(text, builtinPack());
    expectWellFormed(text, analysis);
  });

  it('holds for arbitrary strings (property test)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        expectWellFormed(text, analyze(text, builtinPack()));
      }),
      { numRuns: 300 },
    );
  });

  it('holds for shuffled news vocabulary (property test)', () => {
    const words = seed.split(/(\s+)/);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words, '\n', '“', '”', ',', 'said', 'according to', 'was confirmed by'), { maxLength: 300 }), (parts) => {
        const text = parts.join('');
        expectWellFormed(text, analyze(text, builtinPack()));
      }),
      { numRuns: 200 },
    );
  });
});
