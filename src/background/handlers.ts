// What the background does for each request; the router has already checked the sender and the payload.
import { motivationFor, nextModified, type Annotation } from '../core/annotation';
import { noteFromDraft } from '../core/draft';
import { submissionFile, validateStudentName } from '../core/assignment';
import { siteOf } from '../core/site';
import { redactForOtherPage } from '../core/verdicts';
import { exportAnnotations } from '../core/export';
import { parseAnnotationFile } from '../core/import';
import type { BackgroundPayload, BackgroundRequestType, BackgroundResults } from '../messages';
import { RequestError } from '../messages';
import { t } from '../ui/i18n';
import type { BuiltinSources } from '../core/pack-set';
import type { PackLookup } from '../core/pack-choice';
import type { NoteStore } from '../storage/note-store';
import type { ConfigStore } from '../storage/config-store';
import { isOutOfSpace } from '../storage/storage-errors';
import { configHandlers } from './config-handlers';
import type { AssignmentStore } from '../storage/assignment-store';
import type { SenderFacts } from './sender';

export interface HandlerContext {
  /** Notes, verdicts and drafts: IndexedDB, or the extension's storage area where IndexedDB is refused. */
  store: NoteStore;
  /** Settings and teachers' packs. */
  config: ConfigStore;
  /** The built-in source packs a teacher's pack is compiled after. */
  builtinSources: () => Promise<BuiltinSources>;
  /** The built-in compiled packs that articles are analysed with, where no teacher's pack takes their place. */
  builtinPacks: () => Promise<PackLookup>;
  assignments: AssignmentStore;
  sender: SenderFacts;
  productName: string;
  now: () => Date;
  /** Tell the content script of a tab that something changed for it. */
  notifyTab: (tabId: number, type: 'tab/annotations-changed' | 'tab/close-editor', payload: object) => void;
  /**
   * Tell every open tab that something changed for it: its annotations (the default: after a change made from one of
   * our pages or another tab) or its config (settings or packs).
   */
  notifyAllTabs: (type?: 'tab/annotations-changed' | 'tab/config-changed') => void;
}

type Handlers = { [K in BackgroundRequestType]: (payload: BackgroundPayload<K>, ctx: HandlerContext) => Promise<BackgroundResults[K]> };

function requirePage(sender: SenderFacts): { page: string; site: string; tabId: number } {
  if (!sender.page || sender.tabId === undefined) throw new RequestError('forbidden', 'only a content script has a page');
  return { page: sender.page, site: siteOf(sender.page), tabId: sender.tabId };
}

/** A new verdict must stay within VERDICT_LIMITS: of its page's, and of those that reach every page. */
async function checkRoomForVerdict(store: NoteStore, page: string, scope: 'page' | 'site' | 'everywhere'): Promise<void> {
  const onPage = (await store.forPage(page)).filter((record) => record.motivation === 'classifying').length;
  if (onPage >= VERDICT_LIMITS.perPage) throw new RequestError('bad-request', `this page has ${onPage} verdicts already`);
  if (scope !== 'everywhere') return;
  const everywhere = (await store.all()).filter((record) => record.flag?.scope === 'everywhere').length;
  if (everywhere >= VERDICT_LIMITS.reachingEveryPage) throw new RequestError('bad-request', `${everywhere} flags are dismissed or confirmed everywhere already`);
}

/**
 * Drafts come from content scripts, so a compromised renderer could make them without end: each is size-limited by its
 * schema, and these bound how many are kept and for how long (a note not saved within a day is given up).
 */
export const DRAFT_RETENTION = { maxAgeMs: 24 * 3600_000, perTab: 10, total: 100 } as const;
/**
 * What a content script may leave as verdicts: a reader confirms or dismisses flags one click at a time, and a flag's
 * words are short. Bounds what a compromised renderer could store, and what every page then loads (the dismissals
 * that reach every page).
 */
export const VERDICT_LIMITS = { perPage: 1_000, reachingEveryPage: 1_000, quote: 1_000 } as const;

export const handlers: Handlers = {
  ...configHandlers,

  async 'page/annotations'(_payload, { store, sender }) {
    const { page, site } = requirePage(sender);
    const records = await store.forPageWithDismissals(page, site);
    return records.map((a) => (a.page === page ? a : redactForOtherPage(a)));
  },

  async 'page/draft'(selection, { store, sender, now }) {
    const { page, site, tabId } = requirePage(sender);
    // A draft's id is new: every page learns the ids of the dismissals that reach it, and a draft under one of them
    // would, once saved, replace a record of another page.
    if (await store.get(selection.id)) throw new RequestError('forbidden', 'this id belongs to a stored annotation');
    await store.putDraft({ ...selection, page, site, tabId, created: now().toISOString() }, { ...DRAFT_RETENTION, now: now() });
    return { id: selection.id, keptIn: await store.kind() };
  },

  async 'draft/get'({ id }, { store, sender }) {
    const draft = await store.getDraft(id);
    // An editor may only open the drafts of the tab it is shown in.
    if (!draft || (sender.tabId !== undefined && draft.tabId !== sender.tabId)) return null;
    return draft;
  },

  async 'draft/save'({ id, note, labels }, { store, sender, now, notifyTab }) {
    let tabId: number | undefined;
    const saved = await store.commitDraft(id, (draft, existing): Annotation | null => {
      if (sender.tabId !== undefined && draft.tabId !== sender.tabId) return null;
      // Only the note this draft saved before (a retry) may be rewritten; never a verdict or another page's record.
      if (existing && (existing.page !== draft.page || existing.motivation === 'classifying')) throw new RequestError('forbidden', 'this id belongs to another annotation');
      tabId = draft.tabId;
      return noteFromDraft(draft, note, labels, now(), existing);
    });
    if (!saved) throw new RequestError('not-found', t('error_draft_gone'));
    // A retried save finds the note stored already (the first reply was lost): its editor is still open all the same.
    const editorTab = tabId ?? sender.tabId;
    if (editorTab !== undefined) {
      notifyTab(editorTab, 'tab/annotations-changed', {});
      notifyTab(editorTab, 'tab/close-editor', { id });
    }
    return saved;
  },

  async 'draft/cancel'({ id }, { store, sender, notifyTab }) {
    const draft = await store.getDraft(id);
    if (draft && (sender.tabId === undefined || draft.tabId === sender.tabId)) await store.deleteDraft(id);
    // The editor closes even when its draft is gone (it expired, or a save took it): else it could not be closed at all.
    const editorTab = draft?.tabId ?? sender.tabId;
    if (editorTab !== undefined && (sender.tabId === undefined || editorTab === sender.tabId)) notifyTab(editorTab, 'tab/close-editor', { id });
    return null;
  },

  /**
   * A verdict is keyed by the caller's id: a retry rewrites the same record. It may only replace a verdict of the
   * same page, never a note and never a record of another page.
   */
  async 'page/verdict'({ id, pageTitle, quote, position, fingerprint, flag }, { store, sender, now, notifyAllTabs }) {
    const { page, site } = requirePage(sender);
    if (quote.exact.length > VERDICT_LIMITS.quote) throw new RequestError('bad-request', `a flag's words are at most ${VERDICT_LIMITS.quote} characters`);
    if (!(await store.get(id))) await checkRoomForVerdict(store, page, flag.scope);
    // Other tabs of the same site show the same dismissal.
    return withNotice(notifyAllTabs, store.upsert(id, (existing) => {
      if (existing && existing.page !== page) throw new RequestError('forbidden', 'this id belongs to an annotation of another page');
      if (existing && existing.motivation !== 'classifying') throw new RequestError('bad-request', 'this id belongs to a note, not to a verdict');
      return {
        id,
        page,
        site,
        pageTitle,
        motivation: 'classifying',
        quote,
        position,
        note: existing?.note ?? '',
        labels: existing?.labels ?? [],
        ...(fingerprint !== undefined ? { fingerprint } : {}),
        flag,
        created: existing?.created ?? now().toISOString(),
        modified: nextModified(existing?.modified, now()),
      };
    }));
  },

  async 'annotations/list'(filter, { store }) {
    return store.list(filter);
  },

  async 'annotations/update'({ id, note, labels }, { store, now, notifyAllTabs }) {
    return withNotice(notifyAllTabs, store.upsert(id, (existing) => {
      if (!existing) throw new RequestError('not-found', t('error_annotation_gone'));
      const unique = [...new Set(labels)];
      return {
        ...existing,
        // A verdict stays one when the reader adds a note to it.
        motivation: existing.motivation === 'classifying' ? 'classifying' : motivationFor(note, unique),
        note,
        labels: unique,
        modified: nextModified(existing.modified, now()),
      };
    }));
  },

  async 'annotations/delete'({ ids }, { store, notifyAllTabs }) {
    return withNotice(notifyAllTabs, store.remove(ids));
  },

  /** An undo puts back what a delete took by an import's rule: a newer copy stored in the meantime stays. */
  async 'annotations/restore'({ annotations }, { store, notifyAllTabs }) {
    if (new Set(annotations.map((a) => a.id)).size !== annotations.length) throw new RequestError('bad-request', 'the records to put back repeat an id');
    await withNotice(notifyAllTabs, store.merge(annotations));
    return null;
  },

  async 'annotations/export'({ format, filter }, { store, productName, now }) {
    return exportAnnotations(await store.list(filter ?? {}), format, productName, now());
  },

  /** All or nothing: a file with any bad record is refused before the store is touched; the write is one transaction. */
  async 'annotations/import'({ text }, { store, notifyAllTabs }) {
    const parsed = parseAnnotationFile(text);
    if (!parsed.ok) throw new RequestError('bad-request', parsed.message);
    try {
      const merged = await withNotice(notifyAllTabs, store.merge(parsed.annotations));
      return { total: parsed.total, repeated: parsed.duplicates, ...merged };
    } catch (error) {
      if (isOutOfSpace(error)) throw new RequestError('quota', t('error_no_room_import'));
      throw error;
    }
  },

  /** Where notes are kept, so the note editor can say so before the reader writes (permanent private browsing). */
  async 'storage/where'(_payload, { store }) {
    return store.kind();
  },

  async 'assignment/current'(_payload, { assignments }) {
    return assignments.current();
  },

  async 'assignment/set'({ assignment }, { assignments }) {
    await assignments.set(assignment);
    return null;
  },

  async 'assignment/submission'({ student }, { store, assignments, productName }) {
    const assignment = await assignments.current();
    if (!assignment) throw new RequestError('not-found', t('error_no_assignment'));
    const name = validateStudentName(student);
    if (!name.ok) throw new RequestError('bad-request', name.problems.join('; '));
    const file = submissionFile(assignment, name.value, await store.list({}), productName);
    return { ...file, count: (JSON.parse(file.text) as { total: number }).total };
  },
};

/** Once a change is stored, open pages showing it reload their annotations. */
async function withNotice<T>(notifyAllTabs: HandlerContext['notifyAllTabs'], change: Promise<T>): Promise<T> {
  const result = await change;
  notifyAllTabs();
  return result;
}
