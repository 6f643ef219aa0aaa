// The popup: "This page" (what was flagged here, the reader's notes here) and "All notes" (search, edit, delete),
// with export and import of everything (or of the filtered notes) as W3C JSON-LD or CSV.
import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { ListFilter, PageState } from '../messages';
import { PRODUCT_NAME } from '../product';
import { askBackground } from '../background-client';
import { askUntilListening } from './ask-tab';
import { downloadText } from '../ui/download';
import { exportNotes } from '../ui/stored-notes';
import { t, tn } from '../ui/i18n';
import { StatusLine, type Status } from '../ui/StatusLine';
import { tabListKeys } from '../ui/tabs';
import { LibraryView, type OnStatus } from './LibraryView';
import { PageView } from './PageView';

type Load = { state: 'loading' } | { state: 'unavailable'; reason: string } | { state: 'ready'; page: PageState; tabId: number };
type View = 'page' | 'library';
const VIEWS: readonly View[] = ['page', 'library'];

async function targetTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export function Popup() {
  const [view, setView] = useState<View>(new URLSearchParams(location.search).get('view') === 'library' ? 'library' : 'page');
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [filter, setFilter] = useState<ListFilter>({});
  const [status, setStatus] = useState<Status | null>(null);
  const [generation, setGeneration] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    (async () => {
      const tabId = await targetTabId();
      if (tabId === undefined) return setLoad({ state: 'unavailable', reason: t('popup_no_tab') });
      try {
        const page = (await askUntilListening(() => browser.tabs.sendMessage(tabId, { type: 'tab/state', payload: {} }))) as PageState;
        setLoad({ state: 'ready', page, tabId });
      } catch {
        setLoad({ state: 'unavailable', reason: t('popup_not_running', PRODUCT_NAME) });
      }
    })();
  }, [generation]);

  // For npm run bench:store: when this page's report is on screen (User Timing, read by nobody else).
  useEffect(() => {
    if (load.state === 'ready' && view === 'page') performance.mark('view-ready');
  }, [load.state, view]);

  const report: OnStatus = (message, { undo: run, error } = {}) =>
    setStatus({ message, ...(error ? { error } : {}), ...(run ? { undo: () => void undo(run) } : {}) });
  const fail = (message: string) => setStatus({ message, error: true });
  /** The list is read again once the undo has landed, not while it runs; a failed undo says so. */
  const undo = async (run: () => Promise<void>) => {
    try {
      await run();
      setGeneration((g) => g + 1);
      // Said in words: the Undo button is gone, and a screen reader would hear nothing else.
      report(t('undone'));
    } catch (error) {
      fail(t('undo_failed', (error as Error).message));
    }
  };

  const exportAs = async (format: 'jsonld' | 'csv') => {
    try {
      const filtered = view === 'library' && Object.values(filter).some((value) => value);
      const file = await exportNotes(format, filtered ? filter : undefined);
      downloadText(file.text, file.filename, file.mimeType);
      // For npm run bench:store: when the file was handed to the browser (User Timing, read by nobody else).
      performance.mark('exported');
      // A backup taken with a search still set holds only the notes it shows: say so.
      report(t(filtered ? 'popup_exported_filtered' : 'popup_exported', file.filename));
    } catch (error) {
      fail(t('popup_export_failed', (error as Error).message));
    }
  };

  const importFile = async (file: File) => {
    try {
      const result = await askBackground('annotations/import', { text: await file.text() });
      const repeats = result.repeated > 0 ? ` ${tn('popup_imported_repeats', result.repeated, result.repeated)}` : '';
      report(t('popup_imported', file.name, String(result.added), String(result.updated), String(result.unchanged)) + repeats);
      setGeneration((g) => g + 1);
    } catch (error) {
      fail(t('popup_import_failed', file.name, (error as Error).message));
    }
  };

  return (
    <>
      <nav class="tabs" role="tablist" aria-label={t('popup_views')} onKeyDown={tabListKeys(VIEWS, view, setView, (name) => `tab-${name}`)}>
        {VIEWS.map((name) => (
          <button key={name} type="button" role="tab" id={`tab-${name}`} aria-selected={view === name} tabIndex={view === name ? 0 : -1} aria-controls="view" onClick={() => setView(name)}>
            {name === 'page' ? t('popup_tab_page') : t('popup_tab_library')}
          </button>
        ))}
      </nav>
      <div id="view" role="tabpanel" aria-labelledby={`tab-${view}`}>
        {view === 'page' ? (
          <>
            {load.state === 'loading' && <p class="muted">{t('popup_reading')}</p>}
            {load.state === 'unavailable' && <p class="muted">{load.reason}</p>}
            {load.state === 'ready' && <PageView page={load.page} tabId={load.tabId} />}
          </>
        ) : (
          <LibraryView key={generation} filter={filter} onFilter={setFilter} onStatus={report} />
        )}
      </div>
      <StatusLine status={status} onDone={() => setStatus(null)} />
      <footer>
        <span class="muted">{t('popup_stored_locally', PRODUCT_NAME)} · <a href={browser.runtime.getURL('src/options/index.html')} target="_blank" rel="noopener" data-options>{t('options_popup_link')}</a></span>
        <span class="row-actions">
          <button type="button" class="primary" data-export="jsonld" onClick={() => void exportAs('jsonld')}>{t('popup_export_json')}</button>
          <button type="button" data-export="csv" onClick={() => void exportAs('csv')}>{t('popup_export_csv')}</button>
          <button type="button" onClick={() => fileInput.current?.click()}>{t('popup_import')}</button>
          <button type="button" data-action="classroom" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('src/classroom/index.html') })}>{t('popup_classroom')}</button>
          <input ref={fileInput} type="file" accept=".json,.jsonld,application/json,application/ld+json" class="visually-hidden" aria-label={t('popup_import_label')} tabIndex={-1}
            onChange={(e) => { const file = e.currentTarget.files?.[0]; e.currentTarget.value = ''; if (file) void importFile(file); }} />
        </span>
      </footer>
    </>
  );
}
