// Which language a text is written in: a lang attribute's primary subtag, or a count of stop words.

/** Very frequent function words: they make up a large share of any running text and rarely appear in the other language. */
const STOP_WORDS: Record<string, ReadonlySet<string>> = {
  en: new Set(['the', 'and', 'of', 'to', 'is', 'was', 'that', 'for', 'with', 'on', 'are', 'this', 'by', 'from', 'have', 'has', 'it', 'which', 'were', 'would', 'their', 'they', 'been', 'not', 'but']),
  de: new Set(['der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'sich', 'des', 'auf', 'für', 'dem', 'den', 'ein', 'eine', 'einer', 'auch', 'wird', 'sei', 'von', 'zu', 'im', 'werden', 'hat', 'noch']),
};

/** Below this many stop-word hits in all, the sample is too small to tell. */
const MIN_HITS = 5;
/** The winner must have at least this many times the runner-up's hits. */
const MIN_RATIO = 2;
/** Enough words to decide; counting the whole of a long article adds nothing. */
const MAX_WORDS = 2000;

/** The languages we ship packs for and can detect. */
export const DETECTABLE_LANGUAGES = Object.keys(STOP_WORDS);

/** "de-AT" -> "de", "EN_us" -> "en"; undefined for an empty or malformed tag. */
export function primaryLanguage(tag: string | null | undefined): string | undefined {
  const match = /^\s*([a-z]{2,3})(?:[-_][a-z0-9]+)*\s*$/i.exec(tag ?? '');
  return match ? match[1]!.toLowerCase() : undefined;
}

/** The language of a text by counting stop words, or undefined when the text is too short or too mixed to tell. */
export function detectLanguage(text: string): string | undefined {
  const hits = new Map<string, number>(DETECTABLE_LANGUAGES.map((language) => [language, 0]));
  let words = 0;
  for (const match of text.matchAll(/\p{L}+/gu)) {
    if (++words > MAX_WORDS) break;
    const word = match[0].toLowerCase();
    for (const [language, stops] of Object.entries(STOP_WORDS)) if (stops.has(word)) hits.set(language, hits.get(language)! + 1);
  }
  const ranked = [...hits.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (best === undefined || best[1] < MIN_HITS) return undefined;
  if (second !== undefined && best[1] < second[1] * MIN_RATIO) return undefined;
  return best[0];
}
