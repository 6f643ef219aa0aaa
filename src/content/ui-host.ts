// Our one element in the page: a host with a closed shadow root, attached only while something of ours is shown.
// Page CSS cannot reach inside, page scripts cannot read it, and if the page removes the host we put it back.
import { ClickGuard } from './click-guard';

export class UiHost {
  /** Made when something is first shown: most pages never show anything, and attaching a shadow root costs start-up. */
  private host: HTMLElement | null = null;
  private shadow: ShadowRoot | null = null;
  private shown = 0;
  /** Style sheets not yet in the shadow root: parsed when something is first shown (most pages never show anything). */
  private readonly pendingStyles: string[] = [':host { all: initial; }'];
  /** When each element was shown where it is: a pointer click counts only once it has stood still (click-guard.ts). */
  private readonly clicks = new ClickGuard();

  constructor(signal: AbortSignal) {
    signal.addEventListener('abort', () => this.host?.remove());
  }

  /** Whether an event target is our UI (events from inside a shadow root are retargeted to its host). */
  owns(target: EventTarget | null): boolean {
    return this.host !== null && target === this.host;
  }

  addStyle(css: string): void {
    this.pendingStyles.push(css);
  }

  /** `fresh`: new content in an element already shown (another flag's card): a pointer click waits again. */
  show(element: HTMLElement | SVGElement, fresh = false): void {
    this.attach(element);
    this.clicks.placed(element, fresh);
  }

  /**
   * The size `element` takes in our root, for placing it before it is shown there: attached (it may already show),
   * but not yet placed for the click guard, which then counts from where it is put.
   */
  measure(element: HTMLElement): DOMRect {
    this.attach(element);
    return element.getBoundingClientRect();
  }

  private attach(element: HTMLElement | SVGElement): void {
    if (!this.host || !this.shadow) {
      this.host = document.createElement('div');
      // The page's style sheets style the host itself (`:host` rules lose to them, `!important` ones too): a page could
      // make our UI invisible yet clickable (opacity 0), or let clicks through it (pointer-events: none). The host's own
      // style attribute, important, outranks every rule of the page's sheets.
      this.host.style.setProperty('all', 'initial', 'important');
      this.shadow = this.host.attachShadow({ mode: 'closed' });
    }
    if (this.pendingStyles.length) {
      const sheet = document.createElement('style');
      sheet.textContent = this.pendingStyles.join('\n');
      this.pendingStyles.length = 0;
      this.shadow.prepend(sheet);
    }
    if (element.parentNode !== this.shadow) {
      this.shadow.append(element);
      this.shown++;
    }
    if (!this.host.isConnected) document.documentElement.append(this.host);
  }

  /** Whether a click on `element` (or inside it), shown by `show`, is one the reader meant (click-guard.ts). */
  acceptsClick(event: MouseEvent, element: Element): boolean {
    return this.clicks.accepts(event, element);
  }

  hide(element: Element): void {
    this.clicks.hidden(element);
    if (!this.shadow || element.parentNode !== this.shadow) return;
    element.remove();
    // Nothing of ours on screen: leave the page's DOM as we found it.
    if (--this.shown === 0) this.host?.remove();
  }
}
