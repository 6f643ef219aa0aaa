// The extension's keyboard commands: one list for the manifest's `commands`, the in-page handler and the options page.
export const FLAG_COMMANDS = ['next-flag', 'previous-flag', 'toggle-highlights'] as const;
export type FlagCommand = (typeof FLAG_COMMANDS)[number];

/** The physical key of each command with Alt+Shift, as the manifest suggests it and the page handler matches it. */
export const COMMAND_KEYS: Record<FlagCommand, { code: string; suggested: string }> = {
  'next-flag': { code: 'KeyN', suggested: 'Alt+Shift+N' },
  'previous-flag': { code: 'KeyP', suggested: 'Alt+Shift+P' },
  'toggle-highlights': { code: 'KeyH', suggested: 'Alt+Shift+H' },
};

export const isFlagCommand = (command: string): command is FlagCommand => (FLAG_COMMANDS as readonly string[]).includes(command);
