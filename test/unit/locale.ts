// The browser's i18n over one of our catalogues, for tests of code that speaks to the reader through src/ui/i18n.ts.
import { readFileSync } from 'node:fs';
import { vi } from 'vitest';

/** Stubs `chrome.i18n.getMessage` with `_locales/<lang>/messages.json` ($1 … substituted); undo with vi.unstubAllGlobals(). */
export function useLocale(lang: string): void {
  const catalogue = JSON.parse(readFileSync(new URL(`../../_locales/${lang}/messages.json`, import.meta.url), 'utf8')) as Record<string, { message: string }>;
  const getMessage = (key: string, subs: string[] = []) => (catalogue[key]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  vi.stubGlobal('chrome', { i18n: { getMessage } });
}
