// The extension's keyboard commands as the browser has them now (the reader may have changed or cleared a key).
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { COMMAND_KEYS, isFlagCommand } from '../commands';
import { t } from '../ui/i18n';

export function CommandsSection() {
  const [commands, setCommands] = useState<browser.Commands.Command[] | null>(null);
  useEffect(() => {
    browser.commands.getAll().then(setCommands).catch(() => setCommands([]));
  }, []);
  return (
    <section aria-labelledby="commands-heading">
      <h2 id="commands-heading">{t('options_commands_heading')}</h2>
      {commands && (
        <table>
          <thead>
            <tr><th scope="col">{t('options_command_action')}</th><th scope="col">{t('options_command_keys')}</th></tr>
          </thead>
          <tbody>
            {commands.filter((c) => c.name).map((command) => (
              <tr key={command.name} data-command={command.name}>
                <td>{command.description || (command.name!.startsWith('_execute') ? t('options_command_open_popup') : command.name)}</td>
                <td><Keys command={command} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="hint muted">{t('options_commands_hint')}</p>
    </section>
  );
}

/**
 * The browser's key for a command; for a flag command the browser left without one (Chromium assigns some suggested
 * keys and not others), the key the content script serves itself on the page: "not set" would be wrong there.
 */
function Keys({ command }: { command: browser.Commands.Command }) {
  if (command.shortcut) return <kbd>{command.shortcut}</kbd>;
  if (command.name && isFlagCommand(command.name)) return <><kbd>{COMMAND_KEYS[command.name].suggested}</kbd> <span class="muted">{t('options_command_page_only')}</span></>;
  return <span class="muted">{t('options_command_unset')}</span>;
}
