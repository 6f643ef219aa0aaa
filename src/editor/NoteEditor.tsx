// The note editor: the quoted passage, a note, labels; Ctrl+Enter saves, Escape cancels (twice once something is
// written, so a stray key loses nothing). A failed save keeps the text, and when the browser has no room to store it,
// or the selection waited too long, the reader can save the note as a file and import it later.
import { useEffect, useRef, useState } from 'preact/hooks';
import { LIMITS } from '../core/annotation';
import { offeredLabels } from '../core/labels';
import { noteFromDraft, type Draft } from '../core/draft';
import { exportAnnotations } from '../core/export';
import { RequestError } from '../messages';
import { PRODUCT_NAME } from '../product';
import { downloadText } from '../ui/download';
import type { StorageKind } from '../storage/note-store';
import { askBackground } from '../background-client';
import { t } from '../ui/i18n';

/** The labels every reader is offered, in the reader's language: a label is the reader's own words once stored. */
const DEFAULT_LABELS = ['label_loaded_language', 'label_unsourced_claim', 'label_attribution', 'label_promotional', 'label_question'];

type Status = { state: 'loading' } | { state: 'missing' } | { state: 'ready'; draft: Draft } | { state: 'saving'; draft: Draft };

export function NoteEditor({ draftId }: { draftId: string }) {
  const [status, setStatus] = useState<Status>({ state: 'loading' });
  const [note, setNote] = useState('');
  const [labels, setLabels] = useState<string[]>([]);
  /** The labels of the student's current assignment: offered first, and marked as the assignment's. */
  const [required, setRequired] = useState<string[]>([]);
  /** The labels of the teachers' packs that are on. */
  const [packLabels, setPackLabels] = useState<string[]>([]);
  /** Labels the reader typed in this editor. */
  const [typed, setTyped] = useState<string[]>([]);
  const offered = offeredLabels(required, packLabels, DEFAULT_LABELS.map((key) => t(key)), typed);
  const [newLabel, setNewLabel] = useState('');
  const [error, setError] = useState('');
  /** Why the last save failed, when the note can be saved as a file instead: no room, or the draft is gone. */
  const [fileOfferFor, setFileOfferFor] = useState<'no-room' | 'expired' | null>(null);
  /** Escape was pressed once with something written: the next one discards it. */
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  /** Where the note will be kept: the reader is told before writing when it is not the extension's IndexedDB. */
  const [keptIn, setKeptIn] = useState<StorageKind>('indexeddb');
  /**
   * The keyboard left the editor: the reader clicked the page or went to another window, or the page's script took
   * the focus (it may, at any time) to catch what the reader goes on typing. Said at once, in the editor, so no one
   * types on into the page.
   */
  const [keyboardAway, setKeyboardAway] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileOffer = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    const away = () => setKeyboardAway(true);
    const back = () => setKeyboardAway(false);
    addEventListener('blur', away);
    addEventListener('focus', back);
    return () => {
      removeEventListener('blur', away);
      removeEventListener('focus', back);
    };
  }, []);

  useEffect(() => {
    askBackground('draft/get', { id: draftId })
      .then((draft) => setStatus(draft ? { state: 'ready', draft } : { state: 'missing' }))
      .catch(() => setStatus({ state: 'missing' }));
    askBackground('storage/where', {})
      .then(setKeptIn)
      .catch(() => undefined);
    askBackground('assignment/current', {})
      .then((assignment) => {
        if (!assignment) return;
        setRequired(assignment.labels);
      })
      .catch(() => undefined);
    askBackground('packs/list', {})
      .then(({ packs }) => setPackLabels(packs.filter((pack) => pack.enabled).flatMap((pack) => pack.labels ?? [])))
      .catch(() => undefined);
  }, [draftId]);

  useEffect(() => {
    if (status.state === 'ready') textarea.current?.focus();
  }, [status.state]);

  // The frame has a fixed size: the offer may start below its fold.
  useEffect(() => {
    if (fileOfferFor) fileOffer.current?.scrollIntoView({ block: 'nearest' });
  }, [fileOfferFor]);

  const cancel = () => void askBackground('draft/cancel', { id: draftId }).catch(() => undefined);

  const save = async () => {
    if (status.state !== 'ready') return;
    setStatus({ state: 'saving', draft: status.draft });
    setError('');
    try {
      await askBackground('draft/save', { id: draftId, note: note.trim(), labels });
    } catch (failure) {
      setError(t('not_saved', (failure as Error).message));
      const code = failure instanceof RequestError ? failure.code : null;
      setFileOfferFor(code === 'quota' || code === 'storage' ? 'no-room' : code === 'not-found' ? 'expired' : null);
      setStatus({ state: 'ready', draft: status.draft });
    }
  };

  /** The note as it would have been stored, in the export format, so that the popup's Import stores it later. */
  const saveAsFile = () => {
    if (status.state !== 'ready') return;
    const now = new Date();
    const file = exportAnnotations([noteFromDraft(status.draft, note.trim(), labels, now)], 'jsonld', PRODUCT_NAME, now);
    downloadText(file.text, file.filename, file.mimeType);
  };

  const written = note.trim() !== '' || labels.length > 0 || newLabel.trim() !== '';
  const onKeyDown = (event: KeyboardEvent) => {
    // Keys that compose a character (Chinese, Japanese input) are the input method's, not commands.
    if (event.isComposing) return;
    if (event.key === 'Escape') {
      if (written && !confirmDiscard) return setConfirmDiscard(true);
      return cancel();
    }
    setConfirmDiscard(false);
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void save();
  };

  if (status.state === 'loading') return <p class="muted">{t('loading')}</p>;
  if (status.state === 'missing') {
    return (
      <div>
        <p>{t('editor_draft_missing')}</p>
        <div class="actions"><button type="button" onClick={cancel}>{t('close')}</button></div>
      </div>
    );
  }

  const toggle = (label: string) => setLabels((current) => (current.includes(label) ? current.filter((l) => l !== label) : [...current, label]));
  const addLabel = () => {
    const label = newLabel.trim().slice(0, LIMITS.label);
    if (!label) return;
    if (!offered.includes(label)) setTyped([...typed, label]);
    if (!labels.includes(label)) setLabels([...labels, label]);
    setNewLabel('');
  };

  return (
    <form onKeyDown={onKeyDown} onSubmit={(event) => { event.preventDefault(); void save(); }} aria-label={t('editor_form')}>
      {keptIn === 'extension-storage' && <p class="kept-in" role="note">{t('editor_kept_in_extension_storage')}</p>}
      {keyboardAway && <p class="away" role="alert" data-keyboard-away>{t('editor_keyboard_away')}</p>}
      <blockquote title={status.draft.quote.exact}>{status.draft.quote.exact}</blockquote>
      <label for="note" class="muted">{t('editor_note')}</label>
      <textarea id="note" ref={textarea} value={note} onInput={(event) => setNote(event.currentTarget.value)} maxLength={20000} />
      <fieldset>
        <legend>{t('editor_labels')}</legend>
        {offered.map((label) => (
          <label class={required.includes(label) ? 'tag required' : 'tag'} key={label} title={required.includes(label) ? t('editor_assignment_label') : undefined}>
            <input type="checkbox" checked={labels.includes(label)} onChange={() => toggle(label)} /> {label}
          </label>
        ))}
        <input
          class="new-label"
          aria-label={t('editor_add_label')}
          placeholder={t('editor_add_label_placeholder')}
          value={newLabel}
          maxLength={LIMITS.label}
          onInput={(event) => setNewLabel(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && !event.isComposing) {
              event.preventDefault();
              event.stopPropagation();
              addLabel();
            }
          }}
        />
      </fieldset>
      <div class="actions">
        {error && <span class="error" role="alert">{error}</span>}
        {confirmDiscard && <span class="error" role="alert">{t('editor_escape_again')}</span>}
        <button type="button" onClick={cancel}>{t('cancel')}</button>
        <button type="submit" class="primary" disabled={status.state === 'saving'}>{t('save')}</button>
      </div>
      {fileOfferFor && (
        <p class="as-file" ref={fileOffer}>
          {t(fileOfferFor === 'no-room' ? 'editor_save_as_file_hint' : 'editor_save_as_file_expired_hint')}{' '}
          <button type="button" onClick={saveAsFile}>{t('editor_save_as_file')}</button>
        </p>
      )}
    </form>
  );
}
