// English inflections for lexicon entries, generated at build time so the lexicon lists each word once.

export type Inflection = 'noun' | 'verb' | 'adj' | 'none';

const VOWELS = /[aeiou]/;
const SIBILANT = /(?:s|x|z|ch|sh)$/;

function syllables(word: string): number {
  return (word.match(/[aeiouy]+/g) ?? []).length;
}

/** Plural of a noun: regular rules plus -man/-men; irregular plurals belong in an entry's `forms`. */
export function plural(noun: string): string {
  if (noun.endsWith('man') && !noun.endsWith('human')) return `${noun.slice(0, -3)}men`;
  if (SIBILANT.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

/** True for one-syllable consonant-vowel-consonant verbs whose last consonant doubles (slam -> slammed). */
function doublesFinal(verb: string): boolean {
  return syllables(verb) === 1 && /[^aeiou][aeiou][^aeiouwxy]$/.test(verb);
}

/** Third person, past and -ing forms of a regular verb. */
export function verbForms(verb: string): string[] {
  let third: string;
  if (SIBILANT.test(verb) || /[^aeiou]o$/.test(verb)) third = `${verb}es`;
  else if (/[^aeiou]y$/.test(verb)) third = `${verb.slice(0, -1)}ies`;
  else third = `${verb}s`;
  let past: string;
  let ing: string;
  if (verb.endsWith('ie')) {
    past = `${verb}d`;
    ing = `${verb.slice(0, -2)}ying`;
  } else if (verb.endsWith('ee') || verb.endsWith('ye') || verb.endsWith('oe')) {
    past = `${verb}d`;
    ing = `${verb}ing`;
  } else if (verb.endsWith('e')) {
    past = `${verb}d`;
    ing = `${verb.slice(0, -1)}ing`;
  } else if (/[^aeiou]y$/.test(verb)) {
    past = `${verb.slice(0, -1)}ied`;
    ing = `${verb}ing`;
  } else if (doublesFinal(verb)) {
    const last = verb.charAt(verb.length - 1);
    past = `${verb}${last}ed`;
    ing = `${verb}${last}ing`;
  } else {
    past = `${verb}ed`;
    ing = `${verb}ing`;
  }
  return [third, past, ing];
}

/** The -ly adverb of an adjective (brutal -> brutally, horrific -> horrifically, despicable -> despicably). */
export function adverb(adjective: string): string {
  if (adjective.endsWith('ic')) return `${adjective}ally`;
  if (/[^aeiou]le$/.test(adjective)) return `${adjective.slice(0, -1)}y`;
  if (/[^aeiou]y$/.test(adjective)) return `${adjective.slice(0, -1)}ily`;
  if (adjective.endsWith('ll')) return `${adjective}y`;
  return `${adjective}ly`;
}

/**
 * Every surface form of a phrase. Nouns and adjectives inflect their last word (radical element -> radical
 * elements), verbs their first (lash out -> lashed out), so phrasal verbs and noun phrases both work.
 */
export function surfaceForms(phrase: string, inflection: Inflection): string[] {
  const words = phrase.split(' ');
  const forms = [phrase];
  if (inflection === 'none' || words.length === 0) return forms;
  if (inflection === 'verb') {
    const [head = '', ...rest] = words;
    if (VOWELS.test(head)) for (const form of verbForms(head)) forms.push([form, ...rest].join(' '));
    return forms;
  }
  const last = words[words.length - 1] ?? '';
  const head = words.slice(0, -1);
  const inflected = inflection === 'noun' ? plural(last) : adverb(last);
  forms.push([...head, inflected].join(' '));
  return forms;
}
