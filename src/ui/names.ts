// How every part of the UI names kinds of flags, sources and outlets, so the page card and the popup say the same thing.
// Names come from the locale's messages (i18n.ts); explanations (why, alternative, rationale) come from the pack's data.
import type { Finding, FindingKind, OutletInfo, SourceType } from '../core/findings';
import { t } from './i18n';

/** Message keys: ids use hyphens, message names only letters, digits and underscores. */
const key = (prefix: string, id: string) => `${prefix}_${id.replace(/[^A-Za-z0-9]+/g, '_')}`;

/** "Attribution", "Loaded term": one flag of the kind. */
export function kindName(kind: FindingKind): string {
  return t(key('kind', kind));
}

/** "Attributions", "Your notes": the heading of a list of the kind. */
export function kindLabel(kind: FindingKind | 'annotation'): string {
  return t(key('kinds', kind));
}

export function sourceTypeName(type: SourceType): string {
  return t(key('source_type', type));
}

/** "state-affiliated, Russia, owned by …" in the reader's language (the outlet's name and rationale stay as the data has them). */
export function outletFacts(outlet: Pick<OutletInfo, 'type' | 'country' | 'owner'>): string {
  return [t(key('outlet_type', outlet.type)), outlet.country, outlet.owner && t('owned_by', outlet.owner)].filter(Boolean).join(', ');
}

export function ratingName(rating: OutletInfo['rating']): string {
  return t(key('rating', rating));
}

/** "Instead: crowds" for a word to use, "Ask: …" for a question; the data may already say which ("Ask:", "Fragen:"). */
export function alternativeLine(finding: Pick<Finding, 'kind' | 'alternative'>): string | null {
  const alternative = finding.alternative?.trim();
  if (!alternative) return null;
  if (/^\p{L}+\s*:/u.test(alternative)) return alternative;
  return finding.kind === 'loaded' && !alternative.endsWith('?') ? t('instead', alternative) : t('ask', alternative);
}
