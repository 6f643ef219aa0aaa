// The reader's way in: a button beside a selection and, once pressed, our note editor framed from the extension's origin.
// Both live in a closed shadow root; the editor is an extension page in an iframe, so what the reader types never
// passes through the page's DOM or its key listeners.
import browser from 'webextension-polyfill';

const STYLE = `
  :host { all: initial; }
  button { all: initial; position: fixed; z-index: 2147483647; font: 600 13px/1 system-ui, sans-serif; padding: 7px 11px;
    border-radius: 6px; background: #1f2937; color: #fff; cursor: pointer; box-shadow: 0 2px 8px rgb(0 0 0 / .35); }
  button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  iframe { position: fixed; z-index: 2147483647; width: 360px; height: 290px; border: 0; border-radius: 10px;
    box-shadow: 0 6px 24px rgb(0 0 0 / .35); background: Canvas; color-scheme: light dark; }
`;

const EDITOR_PAGE = 'src/editor/index.html';

export class AnnotateUi {
  private readonly host: HTMLDivElement;
  private readonly shadow: ShadowRoot;
  private readonly button: HTMLButtonElement;
  private editor: { id: string; frame: HTMLIFrameElement } | null = null;

  constructor(
    private readonly signal: AbortSignal,
    /** Turns the current selection into a stored draft; resolves to its id, or null if there is nothing to annotate. */
    private readonly onAnnotate: () => Promise<string | null>,
  ) {
    this.host = document.createElement('div');
    this.shadow = this.host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.textContent = 'Annotate';
    this.button.setAttribute('aria-label', 'Annotate the selected text');
    this.shadow.append(style);
    // Keep the reader's selection when the button is pressed.
    this.button.addEventListener('mousedown', (event) => event.preventDefault(), { signal });
    this.button.addEventListener('click', (event) => {
      if (event.isTrusted) void this.annotate();
    }, { signal });
    signal.addEventListener('abort', () => this.host.remove());
  }

  showButtonAt(rect: DOMRect): void {
    if (this.editor) return;
    const top = Math.min(rect.bottom + 6, innerHeight - 40);
    const left = Math.min(Math.max(rect.right - 40, 4), innerWidth - 110);
    this.button.style.top = `${top}px`;
    this.button.style.left = `${left}px`;
    if (!this.button.isConnected) this.shadow.append(this.button);
    this.attach();
  }

  hideButton(): void {
    this.button.remove();
    this.detachIfEmpty();
  }

  closeEditor(id?: string): void {
    if (!this.editor || (id && this.editor.id !== id)) return;
    this.editor.frame.remove();
    this.editor = null;
    this.detachIfEmpty();
  }

  private async annotate(): Promise<void> {
    const rect = { top: parseFloat(this.button.style.top), left: parseFloat(this.button.style.left) };
    const id = await this.onAnnotate();
    if (!id || this.signal.aborted) return;
    this.hideButton();
    this.closeEditor();
    const frame = document.createElement('iframe');
    frame.title = 'Margin note editor';
    frame.src = `${browser.runtime.getURL(EDITOR_PAGE)}#${id}`;
    frame.style.top = `${Math.max(4, Math.min(rect.top, innerHeight - 300))}px`;
    frame.style.left = `${Math.max(4, Math.min(rect.left - 160, innerWidth - 368))}px`;
    this.shadow.append(frame);
    this.editor = { id, frame };
    this.attach();
    frame.focus();
  }

  private attach(): void {
    // Re-attach if the page removed our host: the page may remove it, never break it.
    if (!this.host.isConnected) document.documentElement.append(this.host);
  }

  private detachIfEmpty(): void {
    if (!this.editor && !this.button.isConnected) this.host.remove();
  }
}
