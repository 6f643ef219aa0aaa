// The reader's way in: a button beside a selection and, once pressed, our note editor framed from the extension's origin.
// The editor is an extension page in an iframe, so what the reader types never passes through the page's DOM or its
// key listeners (a closed shadow root hides markup, not keystrokes).
import { extensionUrl } from '../extension-runtime';
import { EDITOR_PAGE } from '../messages';
import { t } from '../ui/i18n';
import type { StorageKind } from '../storage/note-store';
import type { UiHost } from './ui-host';

const STYLE = `
  button.annotate { all: initial; position: fixed; z-index: 2147483647; font: 600 13px/1 system-ui, sans-serif; padding: 7px 11px;
    border-radius: 6px; background: #1f2937; color: #fff; cursor: pointer; box-shadow: 0 2px 8px rgb(0 0 0 / .35); }
  button.annotate:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  p.notice { all: initial; position: fixed; z-index: 2147483647; max-width: 340px; font: 13px/1.4 system-ui, sans-serif;
    padding: 8px 11px; border-radius: 6px; background: #7f1d1d; color: #fff; box-shadow: 0 2px 8px rgb(0 0 0 / .35); }
  iframe.editor { position: fixed; z-index: 2147483647; width: 360px; height: 290px; border: 0; border-radius: 10px;
    box-shadow: 0 6px 24px rgb(0 0 0 / .35); background: Canvas; color-scheme: light dark; }
`;

const EDITOR = { width: 360, height: 290 };
/** Room for the editor's line saying the note is kept in the extension's storage (permanent private browsing). */
const KEPT_IN_NOTICE_HEIGHT = 84;

export class AnnotateUi {
  /** Made when first shown, like the notice: most pages never show either, and start-up is paid on every page. */
  private button: HTMLButtonElement | null = null;
  /** Says why a note could not be started (the store refused the draft); gone with the next selection. */
  private notice: HTMLParagraphElement | null = null;
  private noticeTimer = 0;
  private editor: { id: string; frame: HTMLIFrameElement } | null = null;

  constructor(
    private readonly signal: AbortSignal,
    private readonly ui: UiHost,
    /**
     * Turns the current selection into a stored draft; resolves to its id and where the note will be kept, or null if
     * there is nothing to annotate.
     */
    private readonly onAnnotate: () => Promise<{ id: string; keptIn: StorageKind } | null>,
  ) {
    ui.addStyle(STYLE);
    signal.addEventListener('abort', () => clearTimeout(this.noticeTimer));
  }

  showButtonAt(rect: DOMRect): void {
    if (this.editor) return;
    const button = (this.button ??= this.makeButton());
    this.hideNotice();
    button.style.top = `${Math.min(rect.bottom + 6, innerHeight - 40)}px`;
    button.style.left = `${Math.min(Math.max(rect.right - 40, 4), innerWidth - 110)}px`;
    this.ui.show(button);
  }

  hideButton(): void {
    if (this.button) this.ui.hide(this.button);
  }

  closeEditor(id?: string): void {
    if (!this.editor || (id && this.editor.id !== id)) return;
    this.ui.hide(this.editor.frame);
    this.editor = null;
  }

  /**
   * Labelled when made: a content script's first i18n call loads the extension's whole message catalogue (3-10 ms
   * measured at start-up, on every page), and most pages never show the button.
   */
  private makeButton(): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'annotate';
    button.textContent = t('annotate');
    button.setAttribute('aria-label', t('annotate_label'));
    // Keep the reader's selection when the button is pressed.
    button.addEventListener('mousedown', (event) => event.preventDefault(), { signal: this.signal });
    button.addEventListener('click', (event) => {
      if (this.ui.acceptsClick(event, button)) void this.annotate(button);
    }, { signal: this.signal });
    return button;
  }

  private showNotice(text: string, button: HTMLButtonElement): void {
    const notice = (this.notice ??= document.createElement('p'));
    notice.className = 'notice';
    notice.setAttribute('role', 'alert');
    notice.textContent = text;
    notice.style.top = button.style.top;
    notice.style.left = `${Math.max(4, Math.min(parseFloat(button.style.left) - 150, innerWidth - 350))}px`;
    this.hideButton();
    this.ui.show(notice);
    clearTimeout(this.noticeTimer);
    this.noticeTimer = window.setTimeout(() => this.hideNotice(), 15_000);
  }

  private hideNotice(): void {
    clearTimeout(this.noticeTimer);
    if (this.notice) this.ui.hide(this.notice);
  }

  private async annotate(button: HTMLButtonElement): Promise<void> {
    const anchor = { top: parseFloat(button.style.top), left: parseFloat(button.style.left) };
    let draft: { id: string; keptIn: StorageKind } | null;
    try {
      draft = await this.onAnnotate();
    } catch (error) {
      // The store refused the draft (no room left, storage that cannot be opened): say so here, where the reader
      // pressed the button.
      if (!this.signal.aborted) this.showNotice(t('annotate_failed', (error as Error).message), button);
      return;
    }
    if (!draft || this.signal.aborted) return;
    const { id } = draft;
    const height = EDITOR.height + (draft.keptIn === 'extension-storage' ? KEPT_IN_NOTICE_HEIGHT : 0);
    this.hideButton();
    this.closeEditor();
    const frame = document.createElement('iframe');
    frame.title = t('editor_title');
    frame.className = 'editor';
    frame.src = `${extensionUrl(EDITOR_PAGE)}#${id}`;
    frame.style.height = `${height}px`;
    frame.style.top = `${Math.max(4, Math.min(anchor.top, innerHeight - height - 8))}px`;
    frame.style.left = `${Math.max(4, Math.min(anchor.left - EDITOR.width / 2, innerWidth - EDITOR.width - 8))}px`;
    this.editor = { id, frame };
    this.ui.show(frame);
    frame.focus();
  }
}
