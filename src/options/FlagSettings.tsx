// Which kinds of flag are shown, and the sensitivity of loaded-term flagging (its categories, and quoted speech).
import { LOADED_CATEGORIES } from '../core/compile';
import type { FindingKind } from '../core/findings';
import { FINDING_KINDS } from '../core/findings';
import type { Settings } from '../core/settings';
import { t } from '../ui/i18n';

const messageKey = (name: string) => name.replaceAll('-', '_');

export function FlagSettings({ settings, onChange }: { settings: Settings; onChange: (next: Settings) => void }) {
  const setKind = (kind: FindingKind, on: boolean) => onChange({ ...settings, kinds: { ...settings.kinds, [kind]: on } });
  const setCategory = (category: (typeof LOADED_CATEGORIES)[number], on: boolean) =>
    onChange({ ...settings, hiddenCategories: on ? settings.hiddenCategories.filter((c) => c !== category) : [...settings.hiddenCategories, category] });
  return (
    <>
      <section aria-labelledby="kinds-heading">
        <h2 id="kinds-heading">{t('options_kinds_heading')}</h2>
        <fieldset class="checks">
          <legend class="visually-hidden">{t('options_kinds_heading')}</legend>
          {FINDING_KINDS.map((kind) => (
            <label key={kind}>
              <input type="checkbox" name={`kind-${kind}`} checked={settings.kinds[kind]} onChange={(e) => setKind(kind, e.currentTarget.checked)} />
              {t(`options_kind_${kind}`)}
            </label>
          ))}
        </fieldset>
      </section>
      <section aria-labelledby="sensitivity-heading">
        <h2 id="sensitivity-heading">{t('options_sensitivity_heading')}</h2>
        <p class="hint muted">{t('options_sensitivity_hint')}</p>
        <fieldset class="checks" disabled={!settings.kinds.loaded}>
          <legend>{t('options_categories_legend')}</legend>
          {LOADED_CATEGORIES.map((category) => (
            <label key={category}>
              <input type="checkbox" name={`category-${category}`} checked={!settings.hiddenCategories.includes(category)} onChange={(e) => setCategory(category, e.currentTarget.checked)} />
              {t(`options_category_${messageKey(category)}`)}
            </label>
          ))}
        </fieldset>
        <div class="row">
          <label>
            <input type="checkbox" name="loaded-in-quotes" checked={settings.loadedInQuotes} disabled={!settings.kinds.loaded} onChange={(e) => onChange({ ...settings, loadedInQuotes: e.currentTarget.checked })} />
            {' '}{t('options_loaded_in_quotes')}
          </label>
        </div>
      </section>
    </>
  );
}
