// The background's built-in source packs: fetched from the extension's files when a pack is first compiled (the
// fetch itself runs in the end-to-end tests: a teacher's pack installed from the options page in both browsers).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { builtinSourceLoader } from '../../src/background/builtin-source-data';
import { BUILTIN_DE_SOURCES, BUILTIN_SOURCES } from '../../src/core/builtin-sources';

const fromDisk = (file: string) => readFile(join(import.meta.dirname, '..', '..', 'src', 'data', file), 'utf8');

describe('the built-in source packs in the background', () => {
  it('reads each file once, parses the packs of each language in merge order, and keeps them', async () => {
    const read = vi.fn(fromDisk);
    const load = builtinSourceLoader(read);
    expect(read).not.toHaveBeenCalled();
    const [first, second] = await Promise.all([load(), load()]);
    expect(second).toBe(first);
    expect(await load()).toBe(first);
    expect(read.mock.calls.map(([file]) => file).sort()).toEqual([...BUILTIN_SOURCES, ...BUILTIN_DE_SOURCES].sort());
    expect(first.en!.map((pack) => pack.id)).toEqual(['builtin.attribution', 'builtin.boilerplate', 'builtin.loaded-terms', 'builtin.sources']);
    expect(first.de!.map((pack) => pack.id)).toEqual(['builtin.de.attribution', 'builtin.de.boilerplate', 'builtin.de.loaded-terms']);
  });

  it('says which file failed, and reads again when asked next', async () => {
    let broken = true;
    const load = builtinSourceLoader((file) => (broken && file === 'sources.json' ? Promise.reject(new Error('sources.json: 404 Not Found')) : fromDisk(file)));
    await expect(load()).rejects.toThrow('sources.json: 404');
    broken = false;
    expect((await load()).en).toHaveLength(BUILTIN_SOURCES.length);
  });
});
