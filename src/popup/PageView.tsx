// "This page": the site's and the cited sources' credibility, counts per flag kind, the attribution ledger, the
// reader's notes here (click one to scroll to it) and every flag with its explanation.
import browser from 'webextension-polyfill';
import type { Finding, FindingKind, OutletInfo, SourceType } from '../core/findings';
import { FINDING_KINDS } from '../core/findings';
import { lookupDomain } from '../core/site';
import type { PageState, PlacedAnnotation } from '../messages';
import { t } from '../ui/i18n';
import { alternativeLine, KIND_LABEL, SOURCE_TYPE_NAMES } from '../ui/names';

export function PageView({ page, tabId }: { page: PageState; tabId: number }) {
  // The page's own site, looked up here: the content script does not load the public suffix list.
  const site = lookupDomain(new URL(page.url).hostname) ?? null;
  const byKind = (kind: FindingKind) => page.findings.filter((f) => f.kind === kind);
  const ledger = (Object.entries(page.analysis?.ledger ?? {}) as Array<[SourceType, number]>).filter(([, n]) => n > 0);
  const cited = new Map<string, OutletInfo>();
  for (const finding of page.findings) if (finding.source?.outlet) cited.set(finding.source.outlet.id, finding.source.outlet);
  return (
    <section aria-label="This page">
      <h1>{page.title}</h1>
      {site && <OutletBadge outlet={site} label="This site" />}
      {page.off ? (
        <p class="muted">{t('options_popup_off')}</p>
      ) : !page.article ? (
        <p class="muted">No article found on this page.</p>
      ) : (
        <>
          <p class="muted">
            {page.article.words} words{page.analysis ? ` · ${Math.round(page.analysis.promotionalShare * 100)}% promotional` : ''}
            {page.dismissed > 0 && ` · ${page.dismissed} flag${page.dismissed === 1 ? '' : 's'} dismissed`}
          </p>
          <ul class="counts" aria-label="Flags on this page">
            {FINDING_KINDS.map((kind) => (
              <li key={kind} data-kind={kind}><strong>{byKind(kind).length}</strong><span class={`swatch ${kind}`} aria-hidden="true" />{KIND_LABEL[kind]}</li>
            ))}
            <li data-kind="annotation"><strong>{page.annotations.length}</strong><span class="swatch annotation" aria-hidden="true" />{KIND_LABEL.annotation}</li>
          </ul>
          {ledger.length > 0 && (
            <>
              <h2>Who the claims rest on</h2>
              <ul class="ledger" aria-label="Attribution ledger">{ledger.map(([type, n]) => <li key={type}>{SOURCE_TYPE_NAMES[type]}: <strong>{n}</strong></li>)}</ul>
            </>
          )}
          {cited.size > 0 && (
            <>
              <h2>Cited outlets</h2>
              {[...cited.values()].map((outlet) => <OutletBadge key={outlet.id} outlet={outlet} />)}
            </>
          )}
        </>
      )}
      <h2>Your notes</h2>
      {page.annotations.length === 0 ? (
        <p class="muted">Select text in the article and press “Annotate”.</p>
      ) : (
        <ul class="items" aria-label="Your notes on this page">
          {page.annotations.map((a) => <PageNote key={a.id} annotation={a} tabId={tabId} />)}
        </ul>
      )}
      {FINDING_KINDS.map((kind) => <FindingList key={kind} kind={kind} findings={byKind(kind)} />)}
    </section>
  );
}

function OutletBadge({ outlet, label }: { outlet: OutletInfo; label?: string }) {
  const facts = [outlet.type, outlet.country, outlet.owner && `owned by ${outlet.owner}`].filter(Boolean).join(', ');
  return (
    <p class={`outlet outlet-${outlet.type}`} data-outlet={outlet.id}>
      {label && <span class="muted">{label}: </span>}
      <strong>{outlet.name}</strong> ({facts}) — {outlet.rating}. <span class="why">{outlet.rationale}</span>
    </p>
  );
}

function PageNote({ annotation: a, tabId }: { annotation: PlacedAnnotation; tabId: number }) {
  const scroll = () => void browser.tabs.sendMessage(tabId, { type: 'tab/scroll-to', payload: { id: a.id } }).catch(() => undefined);
  const verdict = a.flag ? `${a.flag.verdict === 'confirmed' ? 'Confirmed' : 'Dismissed'} flag ${a.flag.ruleId}${a.flag.verdict === 'dismissed' ? ` (${a.flag.scope === 'page' ? 'here' : a.flag.scope === 'site' ? 'on this site' : 'everywhere'})` : ''}` : '';
  return (
    <li data-annotation={a.id}>
      <button type="button" class="link" onClick={scroll} disabled={!a.anchored} aria-label={`Scroll to: ${a.quote.exact}`}>
        <q>{a.quote.exact}</q>
      </button>
      {verdict && <div class="why">{verdict}</div>}
      {a.note && <div class="note">{a.note}</div>}
      <div>{a.labels.map((label) => <span class="tag" key={label}>{label}</span>)}</div>
      {!a.anchored && <div class="error">Not found on the page: {a.orphanReason}</div>}
      {a.articleEdited && <div class="muted">The article has changed since this note was taken.</div>}
    </li>
  );
}

function FindingList({ kind, findings }: { kind: FindingKind; findings: Finding[] }) {
  if (findings.length === 0) return null;
  return (
    <details open={kind !== 'boilerplate'}>
      <summary><h2>{KIND_LABEL[kind]} ({findings.length})</h2></summary>
      <ul class="items" aria-label={KIND_LABEL[kind]}>
        {findings.map((finding) => (
          <li key={`${finding.start}-${finding.ruleId}`} data-kind={kind}>
            <q>{finding.text}</q>
            {finding.quoted && <span class="tag">in quoted speech</span>}
            {finding.source && (
              <div class="why">
                Source: {finding.source.text} — {SOURCE_TYPE_NAMES[finding.source.type]}
                {finding.source.outlet && ` (${finding.source.outlet.rating}: ${finding.source.outlet.rationale})`}
              </div>
            )}
            <div class="why muted">{finding.why} {alternativeLine(finding)}</div>
          </li>
        ))}
      </ul>
    </details>
  );
}
