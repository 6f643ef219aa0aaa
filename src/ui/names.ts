// How every part of the UI names kinds of flags, sources and outlets, so the page card and the popup say the same thing.
// Names come from the locale's messages (i18n.ts); explanations (why, alternative) come from the pack's data, an outlet's
// rationale and owner from the outlet table in the reader's language where it has them.
import { ORPHAN_REASON } from '../core/anchor';
import type { FlagVerdict } from '../core/annotation';
import { kindOfRule, type Finding, type FindingKind, type OutletInfo, type OutletTranslation, type SourceSpan, type SourceType } from '../core/findings';
import { t, uiLanguage } from './i18n';

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

/** "Flag dismissed on the site example.com: Loaded term": what the reader decided about a flag, named by its kind, not its rule id. */
export function verdictLine(flag: Pick<FlagVerdict, 'ruleId' | 'verdict' | 'scope'>, site: string): string {
  const what = ruleKindName(flag.ruleId);
  return flag.verdict === 'confirmed' ? t('verdict_confirmed', what) : t(key('verdict_dismissed', flag.scope), what, site);
}

/** "Loaded term" for a rule id of that kind; an id of no known kind (an imported record's) as it is. */
export function ruleKindName(ruleId: string): string {
  const kind = kindOfRule(ruleId);
  return kind ? kindName(kind) : ruleId;
}

export function sourceTypeName(type: SourceType): string {
  return t(key('source_type', type));
}

/**
 * "Source: he (taken to be Kremlin spokesman Dmitry Peskov, named earlier) — government or official". A pronoun's type
 * is its antecedent's: without the name, the reader could not check what the type rests on.
 */
export function sourceLine(source: Pick<SourceSpan, 'text' | 'type' | 'antecedent'>): string {
  const type = sourceTypeName(source.type);
  if (!source.antecedent) return t('source_line', source.text, type);
  const named = source.antecedent.text;
  return t('source_line_antecedent', source.text, named.length > 100 ? `${named.slice(0, 99)}…` : named, type);
}

/** "state-affiliated, Russia, owned by …" in the reader's language (the outlet's name stays as the data has it). */
export function outletFacts(outlet: Pick<OutletInfo, 'type' | 'country' | 'owner' | 'translations'>): string {
  const owner = outletOwner(outlet);
  return [t(key('outlet_type', outlet.type)), outlet.country && countryName(outlet.country), owner && t('owned_by', owner)].filter(Boolean).join(', ');
}

/** The data's words in the reader's language, where the outlet's entry has them (a teacher's entry may not). */
function translated(outlet: Pick<OutletInfo, 'translations'>): OutletTranslation | undefined {
  const language = uiLanguage();
  // A teacher's pack may name a language "constructor": only the entry's own keys count.
  return outlet.translations && Object.hasOwn(outlet.translations, language) ? outlet.translations[language] : undefined;
}

/** Why the outlet is rated as it is, in the reader's language where the data has it. */
export function outletRationale(outlet: Pick<OutletInfo, 'rationale' | 'translations'>): string {
  return translated(outlet)?.rationale ?? outlet.rationale;
}

function outletOwner(outlet: Pick<OutletInfo, 'owner' | 'translations'>): string | undefined {
  return outlet.owner === undefined ? undefined : (translated(outlet)?.owner ?? outlet.owner);
}

/** Names the data uses that CLDR's English list spells otherwise, now or in some browser's version of it. */
const COUNTRY_ALIASES: Record<string, string> = { Turkey: 'TR', Türkiye: 'TR', 'China (Hong Kong)': 'HK', 'Hong Kong': 'HK', Czechia: 'CZ', 'Czech Republic': 'CZ' };

/** English country name -> region code, made once: the data names countries in English (CLDR's names). */
let regionCodes: Map<string, string> | undefined;

/** A country the data names in English, in the reader's language ("Russia" -> "Russland"); a name CLDR does not know, as it is. */
export function countryName(english: string): string {
  const language = uiLanguage();
  if (language === 'en' || typeof Intl.DisplayNames !== 'function') return english;
  if (!regionCodes) {
    regionCodes = new Map();
    const names = new Intl.DisplayNames('en', { type: 'region' });
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        const name = names.of(code);
        if (name && name !== code && !regionCodes.has(name)) regionCodes.set(name, code);
      }
    }
  }
  // A teacher's pack may name a country "constructor": only the table's own names count.
  const code = regionCodes.get(english) ?? (Object.hasOwn(COUNTRY_ALIASES, english) ? COUNTRY_ALIASES[english] : undefined);
  return (code && new Intl.DisplayNames(language, { type: 'region' }).of(code)) || english;
}

export function ratingName(rating: OutletInfo['rating']): string {
  return t(key('rating', rating));
}

/** A message of the reader's catalogue, or undefined where it has none (t() answers a missing key with the key). */
function message(key: string, ...substitutions: string[]): string | undefined {
  const text = t(key, ...substitutions);
  return text === key ? undefined : text;
}

/**
 * Why the flag was raised, in the reader's language where the entry gives it (`whyTranslations`) or the text is our
 * own data (the finding's `messages`: the catalogue's words, unless the reader reads the language our pack wrote it
 * in); else as the pack has it (a teacher's words).
 */
export function whyLine(finding: Pick<Finding, 'why' | 'messages' | 'whyTranslations'>): string {
  const language = uiLanguage();
  const translations = finding.whyTranslations;
  if (translations && Object.hasOwn(translations, language)) return translations[language]!;
  const keys = finding.messages?.why;
  if (!keys || finding.messages?.language === language) return finding.why;
  const parts = keys.map((key) => message(key, finding.messages?.term ?? ''));
  return parts.every((part) => part !== undefined) ? parts.join(' ') : finding.why;
}

/** "Instead: crowds" for a word to use, "Ask: …" for a question; the data may already say which ("Ask:", "Fragen:"). */
export function alternativeLine(finding: Pick<Finding, 'kind' | 'alternative' | 'messages'>): string | null {
  const key = finding.messages?.language === uiLanguage() ? undefined : finding.messages?.alternative;
  const alternative = ((key && message(key)) ?? finding.alternative)?.trim();
  if (!alternative) return null;
  // A promotional line's advice is a sentence of its own ("Not part of the report: skip it …"), neither a word to
  // use instead nor a question.
  if (finding.kind === 'boilerplate' || /^\p{L}+\s*:/u.test(alternative)) return alternative;
  return finding.kind === 'loaded' && !alternative.endsWith('?') ? t('instead', alternative) : t('ask', alternative);
}

/** A finding's category in the reader's language: a source type for attributions, a lexicon category for loaded terms. */
export function categoryName(finding: Pick<Finding, 'kind' | 'category'>): string | undefined {
  const category = finding.category;
  if (!category) return undefined;
  if (finding.kind === 'attribution') return sourceTypeName(category as SourceType);
  const name = key('category', category);
  const translated = t(name);
  // Boilerplate categories and a teacher's own ones have no message: shown as the data names them.
  return translated === name ? category : translated;
}

/** Why a note was not found again, in the reader's language (core/anchor.ts names the reasons in English). */
export function orphanReasonText(reason: string | undefined): string {
  const known = (Object.entries(ORPHAN_REASON) as Array<[string, string]>).find(([, text]) => text === reason);
  if (known) return t(key('orphan', known[0]));
  if (reason === NO_ARTICLE_REASON) return t('orphan_no_article');
  return reason ?? '';
}

/** What page-session.ts says when a page has no article to anchor in. */
export const NO_ARTICLE_REASON = 'no article was found on this page';
