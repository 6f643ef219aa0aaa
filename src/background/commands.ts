// The keyboard commands declared in the manifest (so the browser lists them and the reader can change their keys):
// the browser hands them to the background, which passes each to the content script of the tab it was pressed in.
import browser from 'webextension-polyfill';
import { isFlagCommand } from '../commands';

export function forwardCommands(): void {
  // Firefox and Chrome pass the active tab with the command.
  browser.commands.onCommand.addListener((command: string, tab?: browser.Tabs.Tab) => {
    if (!isFlagCommand(command) || tab?.id === undefined) return;
    browser.tabs.sendMessage(tab.id, { type: 'tab/command', payload: { command } }, { frameId: 0 }).catch(() => undefined);
  });
}
