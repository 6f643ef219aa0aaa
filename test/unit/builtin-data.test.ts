// The background's built-in data: the compiled packs, fetched from the extension's files when an article is first
// analysed, and the source packs, when a pack is first compiled. The fetch itself runs in the end-to-end tests (every
// page analysed; a teacher's pack installed from the options page, in both browsers), and content-bundle.e2e.ts checks
// that the build ships the files as the modules hold them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BUILTIN_PACK_FILES, builtinPackLoader, builtinSourceLoader, type BuiltinDataFile } from '../../src/background/builtin-data';
import { builtinPacks } from '../../src/core/builtin-packs';
import { BUILTIN_DE_SOURCES, BUILTIN_SOURCES } from '../../src/core/builtin-sources';
import builtinText from '../../src/data/compiled/builtin';
import builtinDeText from '../../src/data/compiled/builtin-de';

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

describe('the built-in compiled packs in the background', () => {
  const compiled = (file: BuiltinDataFile) => Promise.resolve(file === BUILTIN_PACK_FILES.en ? builtinText : builtinDeText);

  it('reads each file once, parses a language\'s pack when it is first asked for, and gives the packs node imports', async () => {
    const read = vi.fn(compiled);
    const [nodeEnglish, nodeGerman] = [builtinPacks('en'), builtinPacks('de')];
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const load = builtinPackLoader(read);
      expect(read).not.toHaveBeenCalled();
      const [packFor, again] = await Promise.all([load(), load()]);
      expect(again).toBe(packFor);
      expect(read.mock.calls.map(([file]) => file).sort()).toEqual([BUILTIN_PACK_FILES.de, BUILTIN_PACK_FILES.en]);
      expect(parse).not.toHaveBeenCalled();
      const english = packFor('en')!;
      expect(parse).toHaveBeenCalledTimes(1);
      expect(packFor('en')).toBe(english);
      expect(english).toEqual(nodeEnglish);
      // German rules with the one outlet table, which the German file does not repeat.
      const german = packFor('de')!;
      expect(german.language).toBe('de');
      expect(german.outlets).toBe(english.outlets);
      expect(german).toEqual(nodeGerman);
      expect(parse).toHaveBeenCalledTimes(2);
      expect([packFor('fr'), packFor('constructor'), packFor('__proto__')]).toEqual([undefined, undefined, undefined]);
    } finally {
      parse.mockRestore();
    }
  });

  it('says which file failed, and reads again when asked next', async () => {
    let broken = true;
    const load = builtinPackLoader((file) => (broken && file === BUILTIN_PACK_FILES.de ? Promise.reject(new Error(`${file}: 404 Not Found`)) : compiled(file)));
    await expect(load()).rejects.toThrow(`${BUILTIN_PACK_FILES.de}: 404`);
    broken = false;
    expect((await load())('de')?.language).toBe('de');
  });
});
