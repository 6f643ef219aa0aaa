// Where Margin runs: everywhere except the listed sites, or only on the listed sites. An entry covers its subdomains.
import { useState } from 'preact/hooks';
import { normaliseSiteEntry, SITE_MODES, type Settings } from '../core/settings';
import { t } from '../ui/i18n';

export function SitesSection({ settings, onChange }: { settings: Settings; onChange: (next: Settings) => void }) {
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState('');
  const listKey = settings.siteMode === 'only-listed' ? 'onlySites' : 'neverSites';
  const list = settings[listKey];

  const add = (event: Event) => {
    event.preventDefault();
    const entry = normaliseSiteEntry(typed);
    if (!entry) return setProblem(t('options_site_invalid', typed));
    setProblem('');
    setTyped('');
    if (!list.includes(entry)) onChange({ ...settings, [listKey]: [...list, entry].sort() });
  };

  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('options_sites_heading')}</h2>
      <fieldset class="radio">
        <legend>{t('options_sites_mode_legend')}</legend>
        {SITE_MODES.map((mode) => (
          <label key={mode}>
            <input type="radio" name="site-mode" value={mode} checked={settings.siteMode === mode} onChange={() => onChange({ ...settings, siteMode: mode })} />
            {t(`options_sites_mode_${mode.replaceAll('-', '_')}`)}
          </label>
        ))}
      </fieldset>
      <form class="row" onSubmit={add}>
        <label for="site-entry">{t(settings.siteMode === 'only-listed' ? 'options_site_add_only' : 'options_site_add_never')}</label>
        <input id="site-entry" type="text" value={typed} placeholder="example.com" autocomplete="off" spellcheck={false}
          aria-describedby={problem ? 'site-problem' : undefined} aria-invalid={problem ? true : undefined} onInput={(e) => setTyped(e.currentTarget.value)} />
        <button type="submit">{t('options_site_add')}</button>
      </form>
      {problem && <p id="site-problem" class="error" role="alert">{problem}</p>}
      {list.length === 0 ? (
        <p class="muted">{t(settings.siteMode === 'only-listed' ? 'options_sites_none_only' : 'options_sites_none_never')}</p>
      ) : (
        <ul class="plain" aria-label={t('options_sites_listed')}>
          {list.map((entry) => (
            <li key={entry} data-site={entry}>
              <span>{entry}</span>
              <button type="button" aria-label={t('options_site_remove_named', entry)} onClick={() => onChange({ ...settings, [listKey]: list.filter((e) => e !== entry) })}>{t('options_site_remove')}</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
