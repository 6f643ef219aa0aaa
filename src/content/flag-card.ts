// The card that explains one flag: what was flagged, by which rule, why, what to ask or write instead, and who the source is.
// Built with textContent only (never innerHTML), inside our closed shadow root, so page CSS and scripts cannot touch it.
import type { Finding, SourceType } from '../core/findings';
import type { UiHost } from './ui-host';

const STYLE = `
  .card { position: fixed; z-index: 2147483647; max-width: 340px; padding: 10px 12px; border-radius: 8px;
    font: 13px/1.45 system-ui, sans-serif; color: #1f2328; background: #fff; border: 1px solid #c9d1d9;
    box-shadow: 0 6px 20px rgb(0 0 0 / .25); }
  @media (prefers-color-scheme: dark) { .card { color: #e6edf3; background: #1c2128; border-color: #444c56; } }
  .card p { margin: 0 0 6px; }
  .card .kind { font-weight: 700; text-transform: uppercase; font-size: 11px; letter-spacing: .05em; }
  .card .flagged { font-style: italic; }
  .card .rule { margin: 0; font-size: 11px; opacity: .75; }
`;

export const KIND_NAMES = { attribution: 'Attribution', boilerplate: 'Promotional', loaded: 'Loaded term' } as const;

export const SOURCE_TYPE_NAMES: Record<SourceType, string> = {
  'news-outlet': 'news outlet',
  'state-affiliated': 'state-affiliated outlet',
  government: 'government or official',
  anonymous: 'anonymous source',
  'expert-or-organisation': 'expert or organisation',
  'wire-service': 'wire service',
  unknown: 'source not identified',
};

function paragraph(className: string, text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}

/** The card's lines, in reading order; exported for the popup and tests to share the same wording. */
export function explain(finding: Finding): Array<[className: string, text: string]> {
  const lines: Array<[string, string]> = [
    ['kind', finding.category ? `${KIND_NAMES[finding.kind]} · ${finding.category}` : KIND_NAMES[finding.kind]],
    ['flagged', `“${finding.text.length > 160 ? `${finding.text.slice(0, 157)}…` : finding.text}”`],
    ['why', finding.why],
  ];
  if (finding.alternative) lines.push(['alternative', finding.kind === 'loaded' ? `Instead: ${finding.alternative}` : `Ask: ${finding.alternative}`]);
  if (finding.quoted) lines.push(['quoted', 'In quoted or attributed speech: these are the speaker’s words, not the author’s.']);
  const source = finding.source;
  if (source) {
    lines.push(['source', `Source: ${source.text} — ${SOURCE_TYPE_NAMES[source.type]}`]);
    const outlet = source.outlet;
    if (outlet) {
      const facts = [outlet.type, outlet.country, outlet.owner && `owned by ${outlet.owner}`].filter(Boolean).join(', ');
      lines.push(['outlet', `${outlet.name}${facts ? ` (${facts})` : ''}: ${outlet.rating}. ${outlet.rationale}`]);
    }
  }
  return lines;
}

export class FlagCard {
  private readonly card = document.createElement('div');
  private shownFor: Finding | null = null;

  constructor(private readonly ui: UiHost) {
    ui.addStyle(STYLE);
    this.card.className = 'card';
    this.card.setAttribute('role', 'status');
    this.card.setAttribute('aria-live', 'polite');
  }

  get finding(): Finding | null {
    return this.shownFor;
  }

  show(finding: Finding, near: DOMRect, position: string): void {
    this.shownFor = finding;
    this.card.replaceChildren(...explain(finding).map(([className, text]) => paragraph(className, text)), paragraph('rule', `Rule ${finding.ruleId} · flag ${position} · Alt+Shift+N / P: next / previous`));
    const below = near.bottom + 8;
    this.card.style.top = `${below + 220 > innerHeight ? Math.max(4, near.top - 8 - 200) : below}px`;
    this.card.style.left = `${Math.max(4, Math.min(near.left, innerWidth - 350))}px`;
    this.ui.show(this.card);
  }

  hide(): void {
    this.shownFor = null;
    this.ui.hide(this.card);
  }
}
