// Every string the options page (and the popup's new lines) asks i18n for exists in _locales/en/messages.json, so no
// control shows a bare key; dynamic keys are checked for every value they can take.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOADED_CATEGORIES } from '../../src/core/compile';
import { FINDING_KINDS } from '../../src/core/findings';
import { VERDICT_SCOPES } from '../../src/core/annotation';
import { SITE_MODES } from '../../src/core/settings';

const ROOT = join(import.meta.dirname, '..', '..');
const messages = JSON.parse(readFileSync(join(ROOT, '_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
const files = ['src/options', 'src/popup'].flatMap((dir) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.tsx')).map((f) => readFileSync(join(ROOT, dir, f), 'utf8')));

describe('options page strings', () => {
  it('has a message for every literal key', () => {
    const keys = new Set(files.flatMap((text) => [...text.matchAll(/'(options_[a-z_]+)'/g)].map((m) => m[1]!)));
    expect(keys.size).toBeGreaterThan(40);
    expect([...keys].filter((key) => !messages[key]?.message)).toEqual([]);
  });

  it('has a message for every value of the dynamic keys', () => {
    const dynamic = [
      ...FINDING_KINDS.map((kind) => `options_kind_${kind}`),
      ...LOADED_CATEGORIES.map((category) => `options_category_${category.replaceAll('-', '_')}`),
      ...SITE_MODES.map((mode) => `options_sites_mode_${mode.replaceAll('-', '_')}`),
      ...VERDICT_SCOPES.map((scope) => `options_scope_${scope}`),
    ];
    expect(dynamic.filter((key) => !messages[key]?.message)).toEqual([]);
  });

  it('names its keys with the options_ prefix and valid message names', () => {
    for (const key of Object.keys(messages).filter((k) => k.startsWith('options_'))) expect(key).toMatch(/^[a-z0-9_]+$/);
  });
});
