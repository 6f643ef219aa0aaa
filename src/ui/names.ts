// How every part of the UI names kinds of flags and of sources, so the page card and the popup say the same thing.
import type { Finding, FindingKind, SourceType } from '../core/findings';

export const KIND_NAMES: Record<FindingKind, string> = { attribution: 'Attribution', boilerplate: 'Promotional', loaded: 'Loaded term' };

export const KIND_LABEL: Record<FindingKind | 'annotation', string> = {
  attribution: 'Attributions',
  boilerplate: 'Promotional',
  loaded: 'Loaded terms',
  annotation: 'Your notes',
};

export const SOURCE_TYPE_NAMES: Record<SourceType, string> = {
  'news-outlet': 'news outlet',
  'state-affiliated': 'state-affiliated outlet',
  government: 'government or official',
  anonymous: 'anonymous source',
  'expert-or-organisation': 'expert or organisation',
  'wire-service': 'wire service',
  unknown: 'source not identified',
};

/** "Instead: crowds" for a word to use, "Ask: …?" for a question; the data may already say which. */
export function alternativeLine(finding: Pick<Finding, 'kind' | 'alternative'>): string | null {
  const alternative = finding.alternative?.trim();
  if (!alternative) return null;
  if (/^(ask|instead|try)\b\s*:/i.test(alternative)) return alternative;
  return finding.kind === 'loaded' && !alternative.endsWith('?') ? `Instead: ${alternative}` : `Ask: ${alternative}`;
}
