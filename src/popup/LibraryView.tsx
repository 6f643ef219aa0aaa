// "All notes": search by text, filter by label and site, edit, delete with undo, open the page.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { Annotation } from '../core/annotation';
import { matchesFilter, prepareFilter } from '../core/annotation-filter';
import type { ListFilter } from '../messages';
import { askBackground } from '../background-client';
import { t, tn, uiLanguage } from '../ui/i18n';
import { listNotes } from '../ui/stored-notes';
import { verdictLine } from '../ui/names';

/** Rendering stays quick with any number of notes: the list shows this many, then "Show more". */
const PAGE_SIZE = 100;

/** What the popup's status line shows: a message, an error, or a message with an undo that resolves once undone. */
export type OnStatus = (message: string, options?: { undo?: () => Promise<void>; error?: boolean }) => void;

export function LibraryView({ filter, onFilter, onStatus }: { filter: ListFilter; onFilter: (filter: ListFilter) => void; onStatus: OnStatus }) {
  const [all, setAll] = useState<Annotation[] | null>(null);
  /** The list could not be read: said in place of "Loading…", which would otherwise stay. */
  const [readError, setReadError] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE_SIZE);
  const [editing, setEditing] = useState<string | null>(null);
  /** A delete is under way: its buttons wait, so a double click cannot send it twice (and replace its undo). */
  const [deleting, setDeleting] = useState(false);
  /** "Delete all" or "Delete these" was pressed once: more than one note goes only when the reader says so twice. */
  const [confirming, setConfirming] = useState(false);

  const reload = () =>
    listNotes()
      .then((list) => {
        setAll(list);
        setReadError(null);
      })
      .catch((error) => setReadError(t('library_read_failed', (error as Error).message)));
  useEffect(() => void reload(), []);

  // For npm run bench:store: when the list is on screen.
  useEffect(() => {
    if (all) performance.mark('view-ready');
  }, [all !== null]);

  const labels = useMemo(() => [...new Set((all ?? []).flatMap((a) => a.labels))].sort(), [all]);
  const sites = useMemo(() => [...new Set((all ?? []).map((a) => a.site))].sort(), [all]);
  // The background's own filter, so that what is shown is what an export of it writes.
  const matching = useMemo(() => {
    const prepared = prepareFilter(filter);
    return (all ?? []).filter((a) => matchesFilter(a, prepared));
  }, [all, filter]);
  useEffect(() => setConfirming(false), [filter]);
  // The question takes the keyboard once, when it appears: the reader answers it with Enter or moves on with Tab.
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const remove = async (ids: string[]) => {
    if (deleting) return;
    setDeleting(true);
    setConfirming(false);
    try {
      const deleted = await askBackground('annotations/delete', { ids });
      await reload();
      if (deleted.length === 0) return;
      const undo = async () => void (await askBackground('annotations/restore', { annotations: deleted }));
      onStatus(tn('library_deleted', deleted.length, deleted.length), { undo });
    } catch (error) {
      onStatus(t('library_delete_failed', (error as Error).message), { error: true });
    } finally {
      setDeleting(false);
    }
  };

  if (!all) return readError ? <p class="error" role="alert" data-read-error>{readError}</p> : <p class="muted">{t('library_loading')}</p>;
  return (
    <section aria-label={t('popup_tab_library')}>
      <div class="filters" role="search">
        <label>
          <span class="visually-hidden">{t('library_search')}</span>
          <input type="search" placeholder={t('library_search_placeholder')} value={filter.query ?? ''} onInput={(e) => onFilter({ ...filter, query: e.currentTarget.value || undefined })} />
        </label>
        <label>
          <span class="visually-hidden">{t('library_label')}</span>
          <select value={filter.label ?? ''} onChange={(e) => onFilter({ ...filter, label: e.currentTarget.value || undefined })}>
            <option value="">{t('library_all_labels')}</option>
            {labels.map((label) => <option key={label} value={label}>{label}</option>)}
          </select>
        </label>
        <label>
          <span class="visually-hidden">{t('library_site')}</span>
          <select value={filter.site ?? ''} onChange={(e) => onFilter({ ...filter, site: e.currentTarget.value || undefined })}>
            <option value="">{t('library_all_sites')}</option>
            {sites.map((site) => <option key={site} value={site}>{site}</option>)}
          </select>
        </label>
      </div>
      {/* The count is announced once the reader pauses typing in the search, not at every key (CountAnnouncer). */}
      <CountAnnouncer text={all.length > 0 && matching.length === 0 ? t('library_no_match') : tn('library_count', all.length, matching.length, all.length)} />
      <p class="muted list-head">
        {tn('library_count', all.length, matching.length, all.length)}
        {matching.length > 0 && !confirming && (
          <button type="button" data-action="delete-shown" disabled={deleting}
            onClick={() => (matching.length === 1 ? void remove([matching[0]!.id]) : setConfirming(true))}>
            {t(matching.length === all.length ? 'library_delete_all' : 'library_delete_these', String(matching.length))}
          </button>
        )}
      </p>
      {confirming && (
        <p class="confirm" role="alert">
          {t('library_delete_confirm', String(matching.length))}{' '}
          <button type="button" data-action="delete-confirmed" class="danger" disabled={deleting} ref={confirmButton}
            onClick={() => void remove(matching.map((a) => a.id))}>
            {t('library_delete_confirmed', String(matching.length))}
          </button>{' '}
          <button type="button" data-action="delete-kept" onClick={() => setConfirming(false)}>{t('library_delete_keep')}</button>
        </p>
      )}
      {all.length === 0 ? (
        <p class="muted" data-empty>{t('library_empty', t('annotate'))}</p>
      ) : (
        matching.length === 0 && <p class="muted" data-empty>{t('library_no_match')}</p>
      )}
      <ul class="items" aria-label={t('library_notes')}>
        {matching.slice(0, shown).map((a) =>
          editing === a.id ? (
            <NoteEditor key={a.id} annotation={a} onDone={async (saved) => { setEditing(null); if (saved) await reload(); }} onStatus={onStatus} />
          ) : (
            <li key={a.id} data-annotation={a.id}>
              <q>{a.quote.exact}</q>
              {a.flag && <div class="why" data-verdict={a.flag.verdict}>{verdictLine(a.flag, a.site)}</div>}
              {a.note && <div class="note">{a.note}</div>}
              <div>{a.labels.map((label) => <span class="tag" key={label}>{label}</span>)}</div>
              <div class="why muted">{a.pageTitle || a.page} · {a.site} · {new Date(a.modified).toLocaleDateString(uiLanguage())}</div>
              <div class="row-actions">
                <button type="button" onClick={() => void browser.tabs.create({ url: a.page })} aria-label={t('library_open_label', a.quote.exact)}>{t('library_open')}</button>
                <button type="button" onClick={() => setEditing(a.id)} aria-label={t('library_edit_label', a.quote.exact)}>{t('library_edit')}</button>
                <button type="button" disabled={deleting} onClick={() => void remove([a.id])} aria-label={t('library_delete_label', a.quote.exact)}>{t('library_delete')}</button>
              </div>
            </li>
          ),
        )}
      </ul>
      {matching.length > shown && <button type="button" onClick={() => setShown(shown + PAGE_SIZE)}>{t('library_show_more')}</button>}
    </section>
  );
}

/** A polite live region holding `text` once it has stayed the same for a moment. */
function CountAnnouncer({ text }: { text: string }) {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), 600);
    return () => clearTimeout(timer);
  }, [text]);
  return <p class="visually-hidden" aria-live="polite" data-announced>{settled}</p>;
}

function NoteEditor({ annotation, onDone, onStatus }: { annotation: Annotation; onDone: (saved: boolean) => void; onStatus: OnStatus }) {
  const [note, setNote] = useState(annotation.note);
  const [labels, setLabels] = useState(annotation.labels.join(', '));
  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const parsed = [...new Set(labels.split(',').map((l) => l.trim()).filter(Boolean))];
      await askBackground('annotations/update', { id: annotation.id, note: note.trim(), labels: parsed });
      onStatus(t('library_saved'));
      onDone(true);
    } catch (error) {
      onStatus(t('not_saved', (error as Error).message), { error: true });
    }
  };
  return (
    <li data-annotation={annotation.id}>
      <form onSubmit={save} aria-label={t('library_edit_form')}>
        <q>{annotation.quote.exact}</q>
        <label class="field">{t('library_note')}<textarea value={note} onInput={(e) => setNote(e.currentTarget.value)} /></label>
        <label class="field">{t('library_labels_comma')}<input value={labels} onInput={(e) => setLabels(e.currentTarget.value)} /></label>
        <div class="row-actions">
          <button type="submit" class="primary">{t('save')}</button>
          <button type="button" onClick={() => onDone(false)}>{t('cancel')}</button>
        </div>
      </form>
    </li>
  );
}
