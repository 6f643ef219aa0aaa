// "This page": the site's and the cited sources' credibility, counts per flag kind, the attribution ledger, the
// reader's notes here (click one to scroll to it) and every flag with its explanation (click one to see it in the page,
// its card open).
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { askBackground } from '../background-client';
import type { Finding, FindingKind, OutletInfo, SourceType } from '../core/findings';
import { FINDING_KINDS, HTTPS_ADDRESS } from '../core/findings';
import type { InferOutput } from 'valibot';
import { ARTICLE_LIMITS, type contentRequests, type PageState, type PlacedAnnotation } from '../messages';
import { t, tn } from '../ui/i18n';
import { alternativeLine, kindLabel, orphanReasonText, outletFacts, outletRationale, ratingName, sourceLine, sourceTypeName, verdictLine, whyLine } from '../ui/names';

export function PageView({ page, tabId }: { page: PageState; tabId: number }) {
  const site = useSiteOutlet(page.url);
  const byKind = (kind: FindingKind) => page.findings.filter((f) => f.kind === kind);
  const ledger = (Object.entries(page.analysis?.ledger ?? {}) as Array<[SourceType, number]>).filter(([, n]) => n > 0);
  const cited = new Map<string, OutletInfo>();
  for (const finding of page.findings) if (finding.source?.outlet) cited.set(finding.source.outlet.id, finding.source.outlet);
  return (
    <section aria-label={t('popup_tab_page')}>
      <h1>{page.title}</h1>
      {site && <OutletBadge outlet={site} label={t('popup_this_site')} />}
      {page.off ? (
        <p class="muted">{t('options_popup_off')}</p>
      ) : !page.article ? (
        <p class="muted">{t('popup_no_article')}</p>
      ) : (
        <>
          <p class="muted">
            {tn('popup_words', page.article.words, page.article.words)}
            {page.analysis ? ` · ${t('popup_promotional_share', String(Math.round(page.analysis.promotionalShare * 100)))}` : ''}
            {page.dismissed > 0 && ` · ${tn('popup_dismissed', page.dismissed, page.dismissed)}`}
          </p>
          {page.article.truncated && <p class="muted" data-cut="text">{t('popup_article_cut', page.article.words)}</p>}
          {page.findingsCut !== undefined && <p class="muted" data-cut="findings">{tn('popup_findings_cut', page.findingsCut, ARTICLE_LIMITS.findings, page.findingsCut)}</p>}
          <ul class="counts" aria-label={t('popup_flags_here')}>
            {FINDING_KINDS.map((kind) => (
              <li key={kind} data-kind={kind}><strong><span class={`swatch ${kind}`} aria-hidden="true" />{byKind(kind).length}</strong>{kindLabel(kind)}</li>
            ))}
            <li data-kind="annotation"><strong><span class="swatch annotation" aria-hidden="true" />{page.annotations.length}</strong>{kindLabel('annotation')}</li>
          </ul>
          {ledger.length > 0 && (
            <>
              <h2>{t('popup_ledger')}</h2>
              <ul class="ledger" aria-label={t('popup_ledger_label')}>{ledger.map(([type, n]) => <li key={type}>{sourceTypeName(type)}: <strong>{n}</strong></li>)}</ul>
            </>
          )}
          {cited.size > 0 && (
            <>
              <h2>{t('popup_cited_outlets')}</h2>
              {[...cited.values()].map((outlet) => <OutletBadge key={outlet.id} outlet={outlet} />)}
            </>
          )}
        </>
      )}
      <h2>{kindLabel('annotation')}</h2>
      {page.annotations.length === 0 ? (
        page.article && <p class="muted">{t('popup_no_notes', t('annotate'))}</p>
      ) : (
        <ul class="items" aria-label={t('popup_notes_here')}>
          {page.annotations.map((a) => <PageNote key={a.id} annotation={a} tabId={tabId} />)}
        </ul>
      )}
      {FINDING_KINDS.map((kind) => <FindingList key={kind} kind={kind} findings={byKind(kind)} tabId={tabId} />)}
    </section>
  );
}

/**
 * The outlet behind the page's site, asked of the background, which holds the public suffix list and the packs' outlet
 * table: the popup shows its report at once and the site's line when the answer comes.
 */
function useSiteOutlet(url: string): OutletInfo | null {
  const [site, setSite] = useState<OutletInfo | null>(null);
  useEffect(() => {
    let current = true;
    askBackground('site/outlet', { url }).then(
      (outlet) => current && setSite(outlet),
      // Without its line the report is still whole: nothing to tell the reader.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [url]);
  return site;
}

/**
 * An outlet's type, rating and why, and on demand who says so: a rating a reader cannot trace is one more claim
 * without a source. The provenance is shown as the data has it (a citation); its address only if it is https (the
 * pack schema allows nothing else; a link is the one thing here a click could misuse).
 */
function OutletBadge({ outlet, label }: { outlet: OutletInfo; label?: string }) {
  const facts = outletFacts(outlet);
  const url = outlet.provenanceUrl && HTTPS_ADDRESS.test(outlet.provenanceUrl) ? outlet.provenanceUrl : undefined;
  return (
    <div class={`outlet outlet-${outlet.type}`} data-outlet={outlet.id}>
      {label && <span class="muted">{label}: </span>}
      <strong>{outlet.name}</strong> ({facts}) — {ratingName(outlet.rating)}. <span class="why">{outletRationale(outlet)}</span>
      {outlet.provenance && (
        <details class="provenance">
          <summary>{t('popup_outlet_provenance')}</summary>
          {outlet.provenance}
          {url && <> <a href={url} target="_blank" rel="noreferrer">{t('popup_outlet_provenance_link')}</a></>}
        </details>
      )}
    </div>
  );
}

/** Asks the page to show a note or a flag; a page that no longer has it (or no longer runs us) leaves it be. */
function showInPage<K extends 'tab/scroll-to' | 'tab/show-flag'>(tabId: number, type: K, payload: InferOutput<(typeof contentRequests)[K]['payload']>): void {
  void browser.tabs.sendMessage(tabId, { type, payload }).catch(() => undefined);
}

function PageNote({ annotation: a, tabId }: { annotation: PlacedAnnotation; tabId: number }) {
  const scroll = () => showInPage(tabId, 'tab/scroll-to', { id: a.id });
  return (
    <li data-annotation={a.id}>
      <button type="button" class="link" onClick={scroll} disabled={!a.anchored} aria-label={t('popup_scroll_to', a.quote.exact)}>
        <q>{a.quote.exact}</q>
      </button>
      {a.flag && <div class="why" data-verdict={a.flag.verdict}>{verdictLine(a.flag, a.site)}</div>}
      {a.note && <div class="note">{a.note}</div>}
      <div>{a.labels.map((label) => <span class="tag" key={label}>{label}</span>)}</div>
      {!a.anchored && <div class="error">{t('popup_orphan', orphanReasonText(a.orphanReason))}</div>}
      {a.unsure && <div class="muted" data-unsure>{t('popup_note_unsure')}</div>}
      {a.articleEdited && <div class="muted">{t('popup_article_edited')}</div>}
    </li>
  );
}

/** The flags that share one explanation, in the order of the first of them: it is said once, under its flags. */
function byExplanation(findings: readonly Finding[]): Array<{ explanation: string; findings: Finding[] }> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const explanation = [whyLine(finding), alternativeLine(finding)].filter(Boolean).join(' ');
    const group = groups.get(explanation);
    if (group) group.push(finding);
    else groups.set(explanation, [finding]);
  }
  return [...groups].map(([explanation, members]) => ({ explanation, findings: members }));
}

function FindingList({ kind, findings, tabId }: { kind: FindingKind; findings: Finding[]; tabId: number }) {
  if (findings.length === 0) return null;
  const show = (finding: Finding) => showInPage(tabId, 'tab/show-flag', { start: finding.start, ruleId: finding.ruleId });
  return (
    <details open={kind !== 'boilerplate'}>
      <summary><h2>{kindLabel(kind)} ({findings.length})</h2></summary>
      <ul class="items" aria-label={kindLabel(kind)}>
        {byExplanation(findings).map((group) => (
          <li key={group.explanation} class="group">
            <ul class={`flags ${kind}`}>
              {group.findings.map((finding) => (
                <li key={`${finding.start}-${finding.ruleId}`} data-kind={kind}>
                  <button type="button" class="link" onClick={() => show(finding)} aria-label={t('popup_scroll_to', finding.text)}>
                    <q>{finding.text}</q>
                  </button>
                  {finding.quoted && <span class="tag">{t('popup_in_quote')}</span>}
                  {finding.source && (
                    <div class="why">
                      {sourceLine(finding.source)}
                      {/* The outlet's rationale is under "Cited outlets" above; here its rating only. */}
                      {finding.source.outlet && ` (${ratingName(finding.source.outlet.rating)})`}
                    </div>
                  )}
                </li>
              ))}
            </ul>
            <div class="why muted">{group.explanation}</div>
          </li>
        ))}
      </ul>
    </details>
  );
}
