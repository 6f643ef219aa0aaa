// Every string the reader sees, through the browser's i18n (_locales/<lang>/messages.json): t('key', ...substitutions).
// Read from `chrome.i18n`, which both browsers provide synchronously in every extension context, content scripts
// included, so this module pulls in no polyfill and works in the content script's classic bundle.

interface I18nApi {
  getMessage(name: string, substitutions?: string | string[]): string;
}

function api(): I18nApi | undefined {
  return (globalThis as { chrome?: { i18n?: I18nApi } }).chrome?.i18n;
}

/**
 * The message `key` in the browser's language (else the default locale, English), with $1, $2 … replaced by the
 * substitutions, numbers written as the language writes them (41,799; 41.799). A missing message, or no i18n API at
 * all (a unit test), gives the key itself: a visible gap rather than a blank.
 */
export function t(key: string, ...substitutions: Array<string | number>): string {
  let message = '';
  try {
    message = api()?.getMessage(key, substitutions.length ? substitutions.map((s) => (typeof s === 'number' ? formatNumber(s) : s)) : undefined) ?? '';
  } catch {
    // An invalidated extension context (the extension was updated under the page) throws: fall back to the key.
  }
  return message || key;
}

/**
 * The message for a count: `key_one` or `key_other`, as the plural rules of the messages' language choose for `count`
 * (English and German have these two forms; a language with more falls back to `_other` until its catalogue has
 * them). The count is not substituted by itself: pass it among the substitutions where the message shows it.
 */
export function tn(key: string, count: number, ...substitutions: Array<string | number>): string {
  return t(`${key}_${pluralRules().select(count) === 'one' ? 'one' : 'other'}`, ...substitutions);
}

let numbers: { lang: string; format: Intl.NumberFormat } | undefined;
/** Languages of ours that write a whole number under 1,000 in plain digits, as `String` does. */
const PLAIN_DIGITS = new Set(['en', 'de']);
function formatNumber(n: number): string {
  const lang = uiLanguage();
  // A new Intl.NumberFormat costs a fresh page about 6 ms (the largest piece of the popup's own script when it opens),
  // and most counts need no grouping.
  if (Number.isInteger(n) && Math.abs(n) < 1000 && PLAIN_DIGITS.has(lang)) return String(n);
  if (numbers?.lang !== lang) numbers = { lang, format: new Intl.NumberFormat(lang) };
  return numbers.format.format(n);
}

let rules: { lang: string; rules: Intl.PluralRules } | undefined;
function pluralRules(): Intl.PluralRules {
  const lang = uiLanguage();
  if (rules?.lang !== lang) rules = { lang, rules: new Intl.PluralRules(lang) };
  return rules.rules;
}

/**
 * The language of the messages the browser chose for us ("en", "de"), for the lang attribute of our pages. Read from
 * the catalogue itself: Chromium reports its own UI language (en-US when it ships no other), even when it picked our
 * German messages for a German user.
 */
export function uiLanguage(): string {
  const code = t('lang_code');
  return code === 'lang_code' ? 'en' : code;
}
