// The flags the reader dismissed (stored as verdict records, see core/verdicts.ts): each can be shown again, with undo.
import { useEffect, useState } from 'preact/hooks';
import type { Annotation } from '../core/annotation';
import { askBackground } from '../background-client';
import { t } from '../ui/i18n';
import { listNotes } from '../ui/stored-notes';
import { ruleKindName } from '../ui/names';
import type { Status } from '../ui/StatusLine';

export function DismissedSection({ onStatus }: { onStatus: (status: Status) => void }) {
  const [dismissed, setDismissed] = useState<Annotation[] | null>(null);
  const reload = () =>
    listNotes()
      .then((all) => setDismissed(all.filter((a) => a.flag?.verdict === 'dismissed')))
      .catch((error) => onStatus({ message: t('options_error_load', (error as Error).message), error: true }));
  useEffect(() => void reload(), []);

  /** Deleting the verdict shows the flag again; the deleted record is kept for the undo. */
  const showAgain = async (annotation: Annotation) => {
    try {
      const deleted = await askBackground('annotations/delete', { ids: [annotation.id] });
      await reload();
      onStatus({ message: t('options_dismissed_restored', annotation.quote.exact), undo: () => void askBackground('annotations/restore', { annotations: deleted }).then(reload).then(() => onStatus({ message: t('undone') })) });
    } catch (error) {
      onStatus({ message: t('options_error_save', (error as Error).message), error: true });
    }
  };

  return (
    <section aria-labelledby="dismissed-heading">
      <h2 id="dismissed-heading">{t('options_dismissed_heading')}</h2>
      {dismissed && dismissed.length === 0 && <p class="muted">{t('options_dismissed_none')}</p>}
      {dismissed && dismissed.length > 0 && (
        <ul class="plain" aria-label={t('options_dismissed_heading')}>
          {dismissed.map((a) => (
            <li key={a.id} data-dismissed={a.id}>
              <div>
                <q>{a.quote.exact}</q>{' '}
                <span class="muted hint">{t(`options_scope_${a.flag!.scope}`, a.site, a.pageTitle || a.page)} · {ruleKindName(a.flag!.ruleId)}</span>
              </div>
              <button type="button" aria-label={t('options_dismissed_show_named', a.quote.exact)} onClick={() => void showAgain(a)}>{t('options_dismissed_show')}</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
