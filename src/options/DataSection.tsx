// Notes in and out: export everything as W3C JSON-LD or CSV, import a file that export wrote (all or nothing).
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { askBackground } from '../background-client';
import { downloadText } from '../ui/download';
import { exportNotes } from '../ui/stored-notes';
import { t } from '../ui/i18n';
import { askForPersistentStorage, type Persistence } from '../ui/storage-persistence';
import type { Status } from '../ui/StatusLine';

export function DataSection({ onStatus }: { onStatus: (status: Status) => void }) {
  const [persistence, setPersistence] = useState<Persistence | null>(null);
  useEffect(() => {
    void askForPersistentStorage().then(setPersistence);
  }, []);
  const exportAs = async (format: 'jsonld' | 'csv') => {
    try {
      const file = await exportNotes(format);
      downloadText(file.text, file.filename, file.mimeType);
      onStatus({ message: t('options_exported', file.filename) });
    } catch (error) {
      onStatus({ message: t('popup_export_failed', (error as Error).message), error: true });
    }
  };
  const importFile = async (file: File) => {
    try {
      const result = await askBackground('annotations/import', { text: await file.text() });
      onStatus({ message: t('options_imported', file.name, result.added, result.updated, result.unchanged) });
    } catch (error) {
      const [first, ...problems] = (error as Error).message.split('\n');
      onStatus({ message: t('options_import_failed', file.name, first ?? ''), problems, error: true });
    }
  };
  return (
    <section aria-labelledby="data-heading">
      <h2 id="data-heading">{t('options_data_heading')}</h2>
      <div class="row">
        <button type="button" onClick={() => void exportAs('jsonld')}>{t('options_export_json')}</button>
        <button type="button" onClick={() => void exportAs('csv')}>{t('options_export_csv')}</button>
        <label for="notes-file">{t('options_import_notes')}</label>
        <input id="notes-file" type="file" accept=".json,.jsonld,application/json,application/ld+json"
          onChange={(e) => { const file = e.currentTarget.files?.[0]; e.currentTarget.value = ''; if (file) void importFile(file); }} />
      </div>
      {persistence && <p data-storage={persistence}>{t(`options_storage_${persistence.replace('-', '_')}`)}</p>}
      <p><a href={browser.runtime.getURL('src/popup/index.html?view=library')} target="_blank" rel="noopener">{t('options_all_notes_link')}</a></p>
    </section>
  );
}
