// The one line that says what the last action did, with its problems listed and an Undo when it can be undone:
// the same on the options page, the classroom page and the popup.
import { t } from './i18n';

export interface Status {
  message: string;
  problems?: string[];
  error?: boolean;
  undo?: () => void;
}

export function StatusLine({ status, onDone }: { status: Status | null; onDone: () => void }) {
  // The live regions stay in the page, so screen readers announce each new message.
  return (
    <div aria-live="polite" role={status?.error ? 'alert' : 'status'} class={status ? (status.error ? 'status error' : 'status') : ''} data-status>
      {status && (
        <>
          <span>{status.message}</span>
          {status.undo && (
            <>
              {' '}
              <button type="button" onClick={() => { status.undo?.(); onDone(); }}>{t('undo')}</button>
            </>
          )}
          {status.problems && status.problems.length > 0 && <ul>{status.problems.map((problem, i) => <li key={i}>{problem}</li>)}</ul>}
        </>
      )}
    </div>
  );
}
