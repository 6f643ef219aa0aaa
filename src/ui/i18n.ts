// Every UI string goes through the browser's i18n (messages in _locales/<lang>/messages.json), so a locale is data.
import browser from 'webextension-polyfill';

/** The message for `key` in the browser's language, with $1…$9 filled from `substitutions`; the key itself if missing. */
export function t(key: string, ...substitutions: Array<string | number>): string {
  return browser.i18n.getMessage(key, substitutions.map(String)) || key;
}
