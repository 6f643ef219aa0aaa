import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../src/core/annotation';
import type { Finding } from '../../src/core/findings';
import { isDismissed, verdictFor, type PlacedVerdict } from '../../src/core/verdicts';

const finding = (text: string, start: number, ruleId = 'loaded:mob'): Finding => ({ kind: 'loaded', start, end: start + text.length, text, ruleId, why: 'w' });

function verdict(exact: string, scope: 'page' | 'site' | 'everywhere', verdict: 'confirmed' | 'dismissed', span: PlacedVerdict['span'], modified = '2026-01-01T00:00:00.000Z', ruleId = 'loaded:mob'): PlacedVerdict {
  const annotation = {
    id: crypto.randomUUID(), page: 'https://a.example/1', site: 'a.example', pageTitle: '', motivation: 'classifying',
    quote: { exact, prefix: '', suffix: '' }, position: { start: 0, end: exact.length }, note: '', labels: [],
    flag: { ruleId, packVersion: '1.0.0', verdict, scope }, created: modified, modified,
  } satisfies Annotation;
  return { annotation, span };
}

describe('verdicts on flags', () => {
  it('a page-scoped dismissal hides only the flag where it was anchored', () => {
    const verdicts = [verdict('mobs', 'page', 'dismissed', { start: 10, end: 14 })];
    expect(isDismissed(finding('mobs', 10), verdicts)).toBe(true);
    expect(isDismissed(finding('mobs', 80), verdicts)).toBe(false);
    expect(isDismissed(finding('mobs', 10, 'loaded:other'), verdicts)).toBe(false);
  });

  it('a page-scoped dismissal that could not be anchored hides nothing', () => {
    expect(isDismissed(finding('mobs', 10), [verdict('mobs', 'page', 'dismissed', null)])).toBe(false);
  });

  it('site-wide and global dismissals match the same rule on the same words, ignoring case', () => {
    expect(isDismissed(finding('Mobs', 3), [verdict('mobs', 'site', 'dismissed', null)])).toBe(true);
    expect(isDismissed(finding('mob', 3), [verdict('mobs', 'everywhere', 'dismissed', null)])).toBe(false);
  });

  it('the latest verdict wins', () => {
    const dismissed = verdict('mobs', 'everywhere', 'dismissed', null, '2026-01-01T00:00:00.000Z');
    const confirmed = verdict('mobs', 'page', 'confirmed', { start: 3, end: 7 }, '2026-02-01T00:00:00.000Z');
    expect(verdictFor(finding('mobs', 3), [dismissed, confirmed])?.annotation.flag?.verdict).toBe('confirmed');
    expect(isDismissed(finding('mobs', 3), [dismissed, confirmed])).toBe(false);
    expect(isDismissed(finding('mobs', 50), [dismissed, confirmed])).toBe(true);
  });
});
