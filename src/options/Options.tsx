// The options page: flag kinds and sensitivity, teachers' packs, the site list, dismissed flags, import and export of
// notes, and the keyboard commands. Every change is stored by the background, which tells open tabs to re-paint.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Settings } from '../core/settings';
import { askBackground } from '../background-client';
import { t } from '../ui/i18n';
import { CommandsSection } from './CommandsSection';
import { DataSection } from './DataSection';
import { DismissedSection } from './DismissedSection';
import { FlagSettings } from './FlagSettings';
import { PacksSection } from './PacksSection';
import { SitesSection } from './SitesSection';
import { StatusLine, type Status } from '../ui/StatusLine';

export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<Status | null>(null);

  useEffect(() => {
    askBackground('settings/get', {}).then(setSettings).catch((error) => setStatus({ message: t('options_error_load', (error as Error).message), error: true }));
  }, []);

  /** Saves in flight: only the latest one's answer is shown, so a slow earlier reply cannot undo a later change. */
  const saves = useRef(0);
  /** What the background last stored: the page goes back to it when a save fails. */
  const stored = useRef<Settings | null>(null);
  useEffect(() => {
    if (settings && saves.current === 0) stored.current = settings;
  }, [settings]);

  /** Stores the whole settings object; the page shows what the background stored, or goes back to it on failure. */
  const save = async (next: Settings) => {
    const turn = ++saves.current;
    setSettings(next);
    try {
      const saved = await askBackground('settings/set', next);
      stored.current = saved;
      if (turn !== saves.current) return;
      setSettings(saved);
      setStatus({ message: t('options_saved') });
    } catch (error) {
      if (turn !== saves.current) return;
      if (stored.current) setSettings(stored.current);
      setStatus({ message: t('options_error_save', (error as Error).message), error: true });
    }
  };

  return (
    <main>
      <h1>{t('options_title')}</h1>
      <p class="muted">{t('options_intro')}</p>
      <StatusLine status={status} onDone={() => setStatus(null)} />
      {settings && <FlagSettings settings={settings} onChange={save} />}
      <PacksSection onStatus={setStatus} />
      {settings && <SitesSection settings={settings} onChange={save} />}
      <DismissedSection onStatus={setStatus} />
      <DataSection onStatus={setStatus} />
      <CommandsSection />
    </main>
  );
}
