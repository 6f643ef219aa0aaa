// The reader's verdict on an automatic flag: a page-scoped one applies to that flag where it was anchored; a site-wide
// or global one applies to the same rule on the same words wherever they appear. The latest verdict wins.
import type { Annotation } from './annotation';
import type { Finding } from './findings';

export interface PlacedVerdict {
  annotation: Annotation;
  /** Where the verdict's passage was found again on this page, if it was. */
  span: { start: number; end: number } | null;
}

const sameWords = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

function appliesTo(verdict: PlacedVerdict, finding: Finding): boolean {
  const flag = verdict.annotation.flag;
  if (!flag || flag.ruleId !== finding.ruleId) return false;
  if (flag.scope === 'page') return verdict.span !== null && verdict.span.start < finding.end && finding.start < verdict.span.end;
  return sameWords(verdict.annotation.quote.exact, finding.text);
}

export function verdictFor(finding: Finding, verdicts: readonly PlacedVerdict[]): PlacedVerdict | undefined {
  let latest: PlacedVerdict | undefined;
  for (const verdict of verdicts) {
    if (appliesTo(verdict, finding) && (!latest || verdict.annotation.modified > latest.annotation.modified)) latest = verdict;
  }
  return latest;
}

export const isDismissed = (finding: Finding, verdicts: readonly PlacedVerdict[]) => verdictFor(finding, verdicts)?.annotation.flag?.verdict === 'dismissed';

/**
 * A dismissal made on another page, as a content script may see it: what `appliesTo` needs (rule, words, verdict,
 * scope, time) and nothing of that page (no address, title, context, note or labels). A compromised renderer on this
 * page would otherwise learn where else the reader has been.
 */
export function redactForOtherPage(a: Annotation): Annotation {
  return {
    id: a.id,
    page: '',
    site: '',
    pageTitle: '',
    motivation: a.motivation,
    quote: { exact: a.quote.exact, prefix: '', suffix: '' },
    position: { start: 0, end: a.quote.exact.length },
    note: '',
    labels: [],
    ...(a.flag ? { flag: a.flag } : {}),
    created: a.modified,
    modified: a.modified,
  };
}
