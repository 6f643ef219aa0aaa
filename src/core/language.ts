// Which language a text is written in: a lang attribute's primary subtag, or a count of stop words.

/**
 * Very frequent function words of the languages news is most often read in here. Only English and German have packs;
 * the others are here so that a French or Czech article is known for what it is, and gets no English or German rules
 * (their texts are full of look-alikes: French "des" is a German stop word, Czech "to" an English one).
 */
const STOP_WORDS: Record<string, readonly string[]> = {
  en: ['the', 'and', 'of', 'to', 'is', 'was', 'that', 'for', 'with', 'on', 'are', 'this', 'by', 'from', 'have', 'has', 'it', 'which', 'were', 'would', 'their', 'they', 'been', 'not', 'but'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'sich', 'des', 'auf', 'für', 'dem', 'den', 'ein', 'eine', 'einer', 'auch', 'wird', 'sei', 'von', 'zu', 'im', 'werden', 'hat', 'noch'],
  fr: ['le', 'la', 'les', 'des', 'du', 'une', 'et', 'est', 'dans', 'pour', 'qui', 'pas', 'sur', 'au', 'aux', 'avec', 'ce', 'cette', 'sont', 'ont', 'mais', 'par', 'plus', 'été', 'leur'],
  es: ['el', 'los', 'las', 'del', 'y', 'es', 'en', 'con', 'su', 'sus', 'al', 'como', 'pero', 'más', 'fue', 'está', 'este', 'esta', 'lo', 'han', 'muy', 'hay', 'entre', 'sobre', 'desde'],
  it: ['il', 'della', 'dei', 'delle', 'degli', 'che', 'è', 'per', 'non', 'sono', 'alla', 'anche', 'nel', 'nella', 'gli', 'più', 'ma', 'questo', 'stato', 'hanno', 'un', 'si', 'ed', 'dal', 'sul'],
  pt: ['o', 'os', 'as', 'da', 'do', 'das', 'dos', 'uma', 'não', 'em', 'com', 'ao', 'na', 'no', 'sua', 'seu', 'pelo', 'pela', 'foi', 'mais', 'é', 'à', 'são', 'também', 'já'],
  nl: ['het', 'een', 'van', 'dat', 'niet', 'op', 'voor', 'zijn', 'aan', 'er', 'ook', 'maar', 'om', 'bij', 'werd', 'wordt', 'heeft', 'naar', 'deze', 'hun', 'wij', 'nog', 'kan', 'geen', 'tot'],
  sv: ['och', 'att', 'det', 'som', 'på', 'är', 'av', 'för', 'med', 'till', 'inte', 'har', 'om', 'ett', 'var', 'jag', 'men', 'vi', 'från', 'så', 'kan', 'sig', 'när', 'eller', 'efter'],
  pl: ['i', 'w', 'się', 'nie', 'że', 'jest', 'jak', 'przez', 'dla', 'czy', 'jego', 'ale', 'już', 'tak', 'są', 'być', 'był', 'która', 'który', 'oraz', 'tylko', 'jej', 'może', 'będzie', 'ich'],
  cs: ['a', 'je', 'se', 'na', 'v', 'že', 's', 'z', 'jako', 'ale', 'by', 'jsou', 'být', 'také', 'jeho', 'které', 'který', 'která', 'pro', 'od', 'po', 'už', 'byl', 'bylo', 'když'],
  ru: ['и', 'в', 'не', 'на', 'что', 'с', 'по', 'это', 'как', 'из', 'к', 'он', 'у', 'за', 'от', 'для', 'же', 'был', 'его', 'а', 'но', 'она', 'так', 'мы', 'они'],
  tr: ['ve', 'bir', 'bu', 'için', 'ile', 'olarak', 'çok', 'daha', 'ne', 'gibi', 'ama', 'olan', 'sonra', 'kadar', 'değil', 'ise', 'her', 'mi', 'şey', 'var', 'diye', 'göre', 'ancak', 'oldu', 'onun'],
};

/** Each stop word and the languages it is one in: one lookup per word of the text. */
const LANGUAGES_OF = new Map<string, string[]>();
for (const [language, words] of Object.entries(STOP_WORDS)) {
  for (const word of words) {
    const languages = LANGUAGES_OF.get(word);
    if (languages) languages.push(language);
    else LANGUAGES_OF.set(word, [language]);
  }
}

/** Below this many stop-word hits in all, the sample is too small to tell. */
const MIN_HITS = 5;
/** The winner must have at least this many times the runner-up's hits. */
const MIN_RATIO = 2;
/** Enough words to decide; counting the whole of a long article adds nothing. */
const MAX_WORDS = 2000;
/** Enough to catch a lang attribute that names the wrong language (a template copied between sites). */
export const CHECK_WORDS = 400;
/** A text this long with hardly any stop word of ours is in some other language (Chinese, Hungarian...). */
const MIN_LETTERS_TO_RULE_OUT = 500;
/** What detectLanguage says of a long text in none of the languages above (BCP 47's "undetermined"). */
export const OTHER_LANGUAGE = 'und';
const WORD = /\p{L}+/gu;

/** "de-AT" -> "de", "EN_us" -> "en"; undefined for an empty or malformed tag. */
export function primaryLanguage(tag: string | null | undefined): string | undefined {
  const match = /^\s*([a-z]{2,3})(?:[-_][a-z0-9]+)*\s*$/i.exec(tag ?? '');
  return match ? match[1]!.toLowerCase() : undefined;
}

/**
 * The language of a text by counting stop words; OTHER_LANGUAGE for a long text in a language we have none for;
 * undefined when the text is too short or too mixed to tell.
 */
export function detectLanguage(text: string, maxWords = MAX_WORDS): string | undefined {
  const hits = new Map<string, number>();
  let words = 0;
  let letters = 0;
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match && words < maxWords; match = WORD.exec(text)) {
    words++;
    letters += match[0].length;
    const languages = LANGUAGES_OF.get(match[0].toLowerCase());
    if (languages) for (const language of languages) hits.set(language, (hits.get(language) ?? 0) + 1);
  }
  const ranked = [...hits.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (best === undefined || best[1] < MIN_HITS) return letters >= MIN_LETTERS_TO_RULE_OUT ? OTHER_LANGUAGE : undefined;
  if (second !== undefined && best[1] < second[1] * MIN_RATIO) return undefined;
  return best[0];
}
