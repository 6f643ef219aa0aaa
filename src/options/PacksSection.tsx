// Teachers' packs: install one from a file (all or nothing, with every problem named), list what is installed with
// its version, language and entry counts, switch a pack off or on, remove it, and undo the last change of a pack.
import { useEffect, useState } from 'preact/hooks';
import type { PackSummary } from '../core/pack-set';
import type { PackList } from '../messages';
import { askBackground } from '../background-client';
import { t } from '../ui/i18n';
import type { Status } from '../ui/StatusLine';

export function PacksSection({ onStatus }: { onStatus: (status: Status) => void }) {
  const [list, setList] = useState<PackList | null>(null);

  const reload = () => askBackground('packs/list', {}).then(setList);
  useEffect(() => void reload().catch((error) => onStatus({ message: t('options_error_load', (error as Error).message), error: true })), []);

  const run = async (action: () => Promise<PackList | unknown>, message: string, undoId?: string) => {
    try {
      const result = await action();
      if (result && typeof result === 'object' && 'undoable' in result) setList(result as PackList);
      else await reload();
      onStatus({ message, ...(undoId ? { undo: () => void run(() => askBackground('packs/undo', { id: undoId }), t('options_pack_undone')) } : {}) });
    } catch (error) {
      const [first, ...problems] = (error as Error).message.split('\n');
      onStatus({ message: first ?? '', problems, error: true });
    }
  };

  const install = async (file: File) => {
    const text = await file.text();
    try {
      const { pack, replaced } = await askBackground('packs/import', { fileName: file.name, text });
      await reload();
      const message = replaced ? t('options_pack_replaced', pack.name ?? pack.id, replaced.version, pack.version) : t('options_pack_installed', pack.name ?? pack.id);
      onStatus({ message, undo: () => void run(() => askBackground('packs/undo', { id: pack.id }), t('options_pack_undone')) });
    } catch (error) {
      const [first, ...problems] = (error as Error).message.split('\n');
      onStatus({ message: first ?? '', problems, error: true });
    }
  };

  return (
    <section aria-labelledby="packs-heading">
      <h2 id="packs-heading">{t('options_packs_heading')}</h2>
      <p class="hint muted">{t('options_packs_hint')}</p>
      <div class="row">
        <label for="pack-file">{t('options_pack_install')}</label>
        <input id="pack-file" type="file" accept=".json,application/json"
          onChange={(e) => { const file = e.currentTarget.files?.[0]; e.currentTarget.value = ''; if (file) void install(file); }} />
      </div>
      {list && list.packs.length === 0 && <p class="muted">{t('options_packs_none')}</p>}
      {list && list.packs.length > 0 && (
        <ul class="plain" aria-label={t('options_packs_installed')}>
          {list.packs.map((pack) => (
            <PackRow key={pack.id} pack={pack} undoable={list.undoable.includes(pack.id)}
              onToggle={(enabled) => void run(() => askBackground('packs/set-enabled', { id: pack.id, enabled }), t(enabled ? 'options_pack_enabled' : 'options_pack_disabled', pack.name ?? pack.id), pack.id)}
              onRemove={() => void run(() => askBackground('packs/remove', { id: pack.id }), t('options_pack_removed', pack.name ?? pack.id), pack.id)}
              onUndo={() => void run(() => askBackground('packs/undo', { id: pack.id }), t('options_pack_undone'))} />
          ))}
        </ul>
      )}
      {list && list.undoable.filter((id) => !list.packs.some((pack) => pack.id === id)).map((id) => (
        <p key={id} class="row">
          <span>{t('options_pack_removed', id)}</span>
          <button type="button" onClick={() => void run(() => askBackground('packs/undo', { id }), t('options_pack_undone'))}>{t('options_pack_restore', id)}</button>
        </p>
      ))}
    </section>
  );
}

function PackRow({ pack, undoable, onToggle, onRemove, onUndo }: { pack: PackSummary; undoable: boolean; onToggle: (enabled: boolean) => void; onRemove: () => void; onUndo: () => void }) {
  const { counts } = pack;
  const name = pack.name ?? pack.id;
  return (
    <li data-pack={pack.id}>
      <div>
        <span class="pack-name">{name}</span>{' '}
        <span class="muted">{t('options_pack_meta', pack.version, pack.language, pack.fileName)}</span>
        <div class="hint">{t('options_pack_counts', counts.loaded, counts.boilerplate, counts.attribution, counts.sources, counts.disabled)}</div>
        {pack.labels?.length ? <div class="hint">{t('options_pack_labels', pack.labels.join(', '))}</div> : null}
      </div>
      <div class="row">
        <label>
          <input type="checkbox" checked={pack.enabled} onChange={(e) => onToggle(e.currentTarget.checked)} />
          {' '}{t('options_pack_on', name)}
        </label>
        <button type="button" onClick={onRemove} aria-label={t('options_pack_remove_named', name)}>{t('options_pack_remove')}</button>
        {undoable && <button type="button" onClick={onUndo} aria-label={t('options_pack_undo_named', name)}>{t('undo')}</button>}
      </div>
    </li>
  );
}
