// The card that explains one flag: what was flagged, by which rule, why, what to ask or write instead, and who the
// source is; with buttons to confirm the flag or dismiss it here, on this site or everywhere.
// Built with textContent only (never innerHTML), inside our closed shadow root, so page CSS and scripts cannot touch it.
import type { Verdict, VerdictScope } from '../core/annotation';
import type { Finding } from '../core/findings';
import { t } from '../ui/i18n';
import { alternativeLine, categoryName, kindName, outletFacts, outletRationale, ratingName, sourceLine, whyLine } from '../ui/names';
import type { UiHost } from './ui-host';

/** The card's widest, padding and border included. */
const CARD_WIDTH = 386;

const STYLE = `
  .card { position: fixed; z-index: 2147483647; box-sizing: border-box; max-width: ${CARD_WIDTH}px; max-height: calc(100vh - 8px); overflow: auto;
    padding: 10px 12px; border-radius: 8px;
    font: 13px/1.45 system-ui, sans-serif; color: #1f2328; background: #fff; border: 1px solid #c9d1d9;
    box-shadow: 0 6px 20px rgb(0 0 0 / .25); }
  @media (prefers-color-scheme: dark) { .card { color: #e6edf3; background: #1c2128; border-color: #444c56; } }
  .card p { margin: 0 0 6px; }
  .card .kind { font-weight: 700; text-transform: uppercase; font-size: 11px; letter-spacing: .05em; }
  .card .flagged { font-style: italic; }
  .card .rule { margin: 0; font-size: 11px; opacity: .75; }
  .card .actions { display: flex; flex-wrap: wrap; gap: 4px; margin: 8px 0 6px; }
  .card button { font: 12px system-ui, sans-serif; padding: 3px 8px; border-radius: 5px; border: 1px solid currentColor;
    background: transparent; color: inherit; cursor: pointer; }
  .card button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 1px; }
  .card .problem { color: #b42318; font-weight: 600; }
  .card:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  @media (prefers-color-scheme: dark) { .card .problem { color: #ff8b7e; } }
`;

/** The card's lines, in reading order. */
export function explain(finding: Finding): Array<[className: string, text: string]> {
  const lines: Array<[string, string]> = [
    ['kind', finding.category ? `${kindName(finding.kind)} · ${categoryName(finding)}` : kindName(finding.kind)],
    ['flagged', `“${finding.text.length > 160 ? `${finding.text.slice(0, 157)}…` : finding.text}”`],
    ['why', whyLine(finding)],
  ];
  const alternative = alternativeLine(finding);
  if (alternative) lines.push(['alternative', alternative]);
  if (finding.quoted) lines.push(['quoted', t('card_quoted')]);
  const source = finding.source;
  if (source) {
    lines.push(['source', sourceLine(source)]);
    const outlet = source.outlet;
    if (outlet) {
      const facts = outletFacts(outlet);
      lines.push(['outlet', `${outlet.name}${facts ? ` (${facts})` : ''}: ${ratingName(outlet.rating)}. ${outletRationale(outlet)}`]);
    }
  }
  return lines;
}

function paragraph(className: string, text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}

export type VerdictChoice = { verdict: Verdict; scope: VerdictScope };

/** `label` is a message key. */
const CHOICES: Array<VerdictChoice & { label: string }> = [
  { verdict: 'confirmed', scope: 'page', label: 'card_confirm' },
  { verdict: 'dismissed', scope: 'page', label: 'card_dismiss_page' },
  { verdict: 'dismissed', scope: 'site', label: 'card_dismiss_site' },
  { verdict: 'dismissed', scope: 'everywhere', label: 'card_dismiss_everywhere' },
];

export class FlagCard {
  /** Made when a card is first shown: most pages never show one, and every page pays for what it makes at start-up. */
  private element: HTMLDivElement | null = null;
  private shownFor: Finding | null = null;
  private shownNear: DOMRect | null = null;
  /** What had the keyboard before the card took it: it gets it back when the card closes. */
  private returnFocus: HTMLElement | null = null;

  constructor(
    private readonly ui: UiHost,
    private readonly signal: AbortSignal,
    private readonly onVerdict: (finding: Finding, choice: VerdictChoice) => void,
  ) {
    ui.addStyle(STYLE);
  }

  private card(): HTMLDivElement {
    if (this.element) return this.element;
    const element = document.createElement('div');
    element.className = 'card';
    element.setAttribute('role', 'status');
    element.setAttribute('aria-live', 'polite');
    element.addEventListener('click', (event) => {
      const button = (event.target as Element | null)?.closest?.('button');
      const choice = button ? CHOICES[Number(button.dataset.choice)] : undefined;
      // Only the reader's own click counts: the page cannot fire a trusted one, nor move the card under a click it invited.
      if (!choice || !this.shownFor || !this.ui.acceptsClick(event, element)) return;
      this.onVerdict(this.shownFor, choice);
    }, { signal: this.signal });
    return (this.element = element);
  }

  get finding(): Finding | null {
    return this.shownFor;
  }

  /**
   * `flagBox` gives where the flag is on screen now; `mayScroll`: the reader stepped to the flag with a shortcut, so the
   * page may scroll to make room for the card (never under a pointer that hovers the flag).
   */
  show(finding: Finding, flagBox: () => DOMRect, position: string, current?: Verdict, mayScroll = false): void {
    let near = flagBox();
    // A re-analysis of a live page hands over new findings: the same rule on the same words, in the same place on
    // screen, is the card the reader is reading (its buttons keep counting clicks).
    const shown = this.shownFor;
    const another = !shown || shown.ruleId !== finding.ruleId || shown.text !== finding.text || !samePlace(this.shownNear, near);
    this.shownFor = finding;
    this.shownNear = near;
    const actions = document.createElement('div');
    actions.className = 'actions';
    actions.setAttribute('role', 'group');
    actions.setAttribute('aria-label', t('card_verdict_group'));
    CHOICES.forEach((choice, index) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.choice = String(index);
      button.textContent = t(choice.label);
      if (choice.verdict === 'confirmed' && current === 'confirmed') button.setAttribute('aria-pressed', 'true');
      actions.append(button);
    });
    const card = this.card();
    // The keyboard was in the card (on a button this redraw removes): it stays in the card.
    const keyboardHere = this.ui.owns(document.activeElement);
    card.replaceChildren(
      ...explain(finding).map(([className, text]) => paragraph(className, text)),
      ...(current === 'confirmed' ? [paragraph('verdict', t('card_confirmed'))] : []),
      actions,
      paragraph('rule', t('card_rule_line', finding.ruleId, position)),
    );
    card.style.maxHeight = '';
    const { height } = this.ui.measure(card);
    // Below the flag if the card fits there, else above it; never over the words it explains. An outlet's card is twice
    // as tall as a loaded word's, and a flag the keyboard brought to the middle of the window may leave room for it on
    // neither side: the page then scrolls the flag up until the card fits under it, buttons and all.
    let top = cardTop(near, height);
    if (top === undefined && mayScroll) {
      scrollBy({ top: near.bottom + GAP + height - (innerHeight - MARGIN), behavior: 'instant' as ScrollBehavior });
      near = flagBox();
      top = cardTop(near, height);
    }
    if (top === undefined) {
      // Room on neither side (a hovered flag, a small window): the roomier side, the card scrolling within itself.
      const below = innerHeight - MARGIN - GAP - near.bottom;
      const above = near.top - GAP - MARGIN;
      const room = Math.max(below, above, MIN_CARD_HEIGHT);
      card.style.maxHeight = `${room}px`;
      top = below >= above ? near.bottom + GAP : Math.max(MARGIN, near.top - GAP - room);
    }
    card.style.left = `${Math.max(MARGIN, Math.min(near.left, innerWidth - MARGIN - CARD_WIDTH))}px`;
    card.style.top = `${top}px`;
    // Another flag's card, even in the same place, is a card the reader has not read yet.
    this.ui.show(card, another);
    if (keyboardHere && card.tabIndex === -1) card.focus({ preventScroll: true });
  }

  /**
   * Gives the keyboard to the card itself, not to a button: Tab then reaches its buttons, while Space still scrolls
   * the page (on a focused button it would confirm the flag) and the shortcuts still step between flags.
   */
  takeFocus(): void {
    const card = this.element;
    if (!card || !this.shownFor) return;
    const active = document.activeElement;
    if (!this.ui.owns(active)) this.returnFocus = active instanceof HTMLElement ? active : null;
    card.tabIndex = -1;
    card.focus({ preventScroll: true });
  }

  /** Says on the card why the reader's choice was not stored (the card of that flag, if it is still open). */
  showProblem(finding: Finding, text: string): void {
    if (this.shownFor !== finding || !this.element) return;
    this.element.querySelector('p.problem')?.remove();
    const problem = paragraph('problem', text);
    problem.setAttribute('role', 'alert');
    this.element.querySelector('.actions')?.after(problem);
  }

  hide(): void {
    this.shownFor = null;
    if (!this.element) return;
    const hadFocus = this.ui.owns(document.activeElement);
    this.ui.hide(this.element);
    if (hadFocus) this.returnFocus?.focus({ preventScroll: true });
    this.returnFocus = null;
  }
}

/** Space between the card and its flag, and between the card and the window's edge. */
const GAP = 8;
const MARGIN = 4;
/** A card never shrinks below this (a window too small for any room shows what it can). */
const MIN_CARD_HEIGHT = 120;

/** Where the card goes to fit in the window under its flag, else over it; undefined where it fits on neither side. */
function cardTop(near: DOMRect, height: number): number | undefined {
  if (near.bottom + GAP + height <= innerHeight - MARGIN) return near.bottom + GAP;
  if (near.top - GAP - height >= MARGIN) return near.top - GAP - height;
  return undefined;
}

const samePlace = (a: DOMRect | null, b: DOMRect) => !!a && Math.round(a.left) === Math.round(b.left) && Math.round(a.top) === Math.round(b.top);
