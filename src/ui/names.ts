// How every part of the UI names kinds of flags and of sources, so the page card and the popup say the same thing.
import type { FindingKind, SourceType } from '../core/findings';

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
