// The one line that says what the last action did, with its problems listed and an Undo when it can be undone:
// the same on the options page, the classroom page and the popup.
import { useEffect, useRef } from 'preact/hooks';
import { t } from './i18n';

export interface Status {
  message: string;
  problems?: string[];
  error?: boolean;
  undo?: () => void;
}

export function StatusLine({ status, onDone }: { status: Status | null; onDone: () => void }) {
  const undo = useRef<HTMLButtonElement>(null);
  // The action that offers an Undo often removed what had the keyboard (a deleted row, the assignment): the Undo
  // takes it then, rather than the start of the page.
  useEffect(() => {
    if (status?.undo && (document.activeElement === null || document.activeElement === document.body)) undo.current?.focus();
  }, [status]);
  const line = status && (
    <>
      <span>{status.message}</span>
      {status.undo && (
        <>
          {' '}
          <button type="button" ref={undo} onClick={() => { status.undo?.(); onDone(); }}>{t('undo')}</button>
        </>
      )}
      {status.problems && status.problems.length > 0 && <ul>{status.problems.map((problem, i) => <li key={i}>{problem}</li>)}</ul>}
    </>
  );
  // Two live regions that stay in the page, so that screen readers announce each new message: an error at once, the
  // rest politely. (One region switching its role is announced unreliably.)
  return (
    <div class={status ? (status.error ? 'status error' : 'status') : ''} data-status>
      <div role="status">{status && !status.error && line}</div>
      <div role="alert">{status?.error && line}</div>
    </div>
  );
}
