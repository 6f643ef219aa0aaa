// The keyboard commands: the manifest declares exactly the commands the content script handles, with the keys its
// in-page handler matches, so the browser's list, the options page and the page agree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_KEYS, FLAG_COMMANDS } from '../../src/commands';

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'manifest.json'), 'utf8')) as { commands: Record<string, { suggested_key: { default: string }; description: string }> };

describe('keyboard commands', () => {
  it('declares every flag command with the key the page handler matches', () => {
    expect(Object.keys(manifest.commands).sort()).toEqual([...FLAG_COMMANDS].sort());
    for (const command of FLAG_COMMANDS) {
      const { suggested, code } = COMMAND_KEYS[command];
      expect(manifest.commands[command]!.suggested_key.default).toBe(suggested);
      expect(suggested).toBe(`Alt+Shift+${code.replace(/^Key/, '')}`);
      expect(manifest.commands[command]!.description.length).toBeGreaterThan(10);
    }
  });
});
