// The popup: what was flagged on this page, the reader's annotations here, and an export of everything.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { Finding, FindingKind, SourceType } from '../core/findings';
import { FINDING_KINDS } from '../core/findings';
import type { PageState } from '../messages';
import { PRODUCT_NAME } from '../product';
import { askBackground } from '../background-client';
import { downloadJson } from './download';

const KIND_LABEL: Record<FindingKind | 'annotation', string> = {
  attribution: 'Attributions',
  boilerplate: 'Promotional',
  loaded: 'Loaded terms',
  annotation: 'Your notes',
};

const SOURCE_LABEL: Record<SourceType, string> = {
  'news-outlet': 'news outlet',
  'state-affiliated': 'state-affiliated outlet',
  government: 'government or official',
  anonymous: 'anonymous',
  'expert-or-organisation': 'expert or organisation',
  'wire-service': 'wire service',
  unknown: 'unknown',
};

type Load = { state: 'loading' } | { state: 'unavailable'; reason: string } | { state: 'ready'; page: PageState };

async function targetTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export function Popup() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [exportError, setExportError] = useState('');

  useEffect(() => {
    (async () => {
      const tabId = await targetTabId();
      if (tabId === undefined) return setLoad({ state: 'unavailable', reason: 'No tab is selected.' });
      try {
        const page = (await browser.tabs.sendMessage(tabId, { type: 'tab/state', payload: {} })) as PageState;
        setLoad({ state: 'ready', page });
      } catch {
        setLoad({ state: 'unavailable', reason: `${PRODUCT_NAME} does not run on this page (only on web pages, and after they have loaded).` });
      }
    })();
  }, []);

  const exportAll = async () => {
    setExportError('');
    try {
      const collection = await askBackground('annotations/export', {});
      downloadJson(collection, `${PRODUCT_NAME.toLowerCase()}-annotations-${new Date().toISOString().slice(0, 10)}.json`);
    } catch (error) {
      setExportError(`Export failed: ${(error as Error).message}`);
    }
  };

  return (
    <>
      {load.state === 'loading' && <p class="muted">Reading this page…</p>}
      {load.state === 'unavailable' && <p class="muted">{load.reason}</p>}
      {load.state === 'ready' && <PageReport page={load.page} />}
      <footer>
        <span class="muted">{PRODUCT_NAME} · stored on this device only</span>
        <button type="button" class="primary" onClick={exportAll}>Export JSON</button>
      </footer>
      {exportError && <p class="error" role="alert">{exportError}</p>}
    </>
  );
}

function PageReport({ page }: { page: PageState }) {
  if (!page.article) return <p class="muted">No article found on this page.</p>;
  const byKind = (kind: FindingKind) => page.findings.filter((f) => f.kind === kind);
  const ledger = Object.entries(page.analysis?.ledger ?? {}).filter(([, n]) => n > 0) as Array<[SourceType, number]>;
  return (
    <>
      <h1>{page.title}</h1>
      <p class="muted">{page.article.words} words{page.analysis ? ` · ${Math.round(page.analysis.promotionalShare * 100)}% promotional` : ''}</p>
      <ul class="counts" aria-label="Flags on this page">
        {FINDING_KINDS.map((kind) => (
          <li key={kind} data-kind={kind}><strong>{byKind(kind).length}</strong><span class={`swatch ${kind}`} />{KIND_LABEL[kind]}</li>
        ))}
        <li data-kind="annotation"><strong>{page.annotations.length}</strong><span class="swatch annotation" />{KIND_LABEL.annotation}</li>
      </ul>
      {ledger.length > 0 && (
        <>
          <h2>Who the claims rest on</h2>
          <p class="ledger">{ledger.map(([type, n]) => <span key={type}>{SOURCE_LABEL[type]}: {n}</span>)}</p>
        </>
      )}
      <h2>Your notes</h2>
      {page.annotations.length === 0 ? (
        <p class="muted">Select text in the article and press “Annotate”.</p>
      ) : (
        <ul class="items" aria-label="Your notes on this page">
          {page.annotations.map((a) => (
            <li key={a.id} data-annotation={a.id}>
              <q>{a.quote.exact}</q>
              {a.note && <div class="note">{a.note}</div>}
              <div>{a.labels.map((label) => <span class="tag" key={label}>{label}</span>)}{!a.anchored && <span class="error"> not found on the page any more</span>}</div>
            </li>
          ))}
        </ul>
      )}
      {FINDING_KINDS.map((kind) => <FindingList key={kind} kind={kind} findings={byKind(kind)} />)}
    </>
  );
}

function FindingList({ kind, findings }: { kind: FindingKind; findings: Finding[] }) {
  if (findings.length === 0) return null;
  return (
    <>
      <h2>{KIND_LABEL[kind]}</h2>
      <ul class="items" aria-label={KIND_LABEL[kind]}>
        {findings.map((finding) => (
          <li key={`${finding.start}-${finding.ruleId}`} data-kind={kind}>
            <q>{finding.text}</q>
            {finding.quoted && <span class="tag">in quoted speech</span>}
            {finding.source && (
              <div class="why">
                Source: {finding.source.text} — {SOURCE_LABEL[finding.source.type]}
                {finding.source.outlet && ` (${finding.source.outlet.rating}: ${finding.source.outlet.rationale})`}
              </div>
            )}
            <div class="why muted">{finding.why}{finding.alternative && ` Try: ${finding.alternative}`}</div>
          </li>
        ))}
      </ul>
    </>
  );
}
