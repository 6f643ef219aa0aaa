// What the background does for each request; the router has already checked the sender and the payload.
import { toCollection, type Annotation } from '../core/annotation';
import type { BackgroundPayload, BackgroundRequestType, BackgroundResults } from '../messages';
import { RequestError } from '../messages';
import type { AnnotationStore } from '../storage/annotation-store';
import type { SenderFacts } from './sender';

export interface HandlerContext {
  store: AnnotationStore;
  sender: SenderFacts;
  productName: string;
  now: () => Date;
  /** Tell the content script of a tab that something changed for it. */
  notifyTab: (tabId: number, type: 'tab/annotations-changed' | 'tab/close-editor', payload: object) => void;
}

type Handlers = { [K in BackgroundRequestType]: (payload: BackgroundPayload<K>, ctx: HandlerContext) => Promise<BackgroundResults[K]> };

function requirePage(sender: SenderFacts): { page: string; tabId: number } {
  if (!sender.page || sender.tabId === undefined) throw new RequestError('forbidden', 'only a content script has a page');
  return { page: sender.page, tabId: sender.tabId };
}

export const handlers: Handlers = {
  async 'page/annotations'(_payload, { store, sender }) {
    return store.forPage(requirePage(sender).page);
  },

  async 'page/draft'(selection, { store, sender, now }) {
    const { page, tabId } = requirePage(sender);
    await store.putDraft({ ...selection, page, tabId, created: now().toISOString() });
    return { id: selection.id };
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
      tabId = draft.tabId;
      const time = now().toISOString();
      return {
        id: draft.id,
        page: draft.page,
        pageTitle: draft.pageTitle,
        motivation: note ? 'commenting' : labels.length ? 'tagging' : 'highlighting',
        quote: draft.quote,
        position: draft.position,
        note,
        labels: [...new Set(labels)],
        created: existing?.created ?? time,
        modified: time,
      };
    });
    if (!saved) throw new RequestError('not-found', 'this selection is no longer waiting for a note');
    if (tabId !== undefined) {
      notifyTab(tabId, 'tab/annotations-changed', {});
      notifyTab(tabId, 'tab/close-editor', { id });
    }
    return saved;
  },

  async 'draft/cancel'({ id }, { store, sender, notifyTab }) {
    const draft = await store.getDraft(id);
    if (draft && (sender.tabId === undefined || draft.tabId === sender.tabId)) {
      await store.deleteDraft(id);
      notifyTab(draft.tabId, 'tab/close-editor', { id });
    }
    return null;
  },

  async 'annotations/list'({ page }, { store }) {
    return page ? store.forPage(page) : store.all();
  },

  async 'annotations/export'(_payload, { store, productName }) {
    return toCollection(await store.all(), productName);
  },
};
