// The built-in compiled packs as modules, for node: scripts, tests and benches. The extension's background does not
// import this: it reads the same texts from the extension's files (background/builtin-data.ts), since a service worker
// reads and compiles all of its code on every start, before it can answer a page.
import builtinText from '../data/compiled/builtin';
import builtinDeText from '../data/compiled/builtin-de';
import type { Analysis } from './findings';
import type { CompiledPack, PacksByLanguage } from './pack';
import { analyzeWithPack, builtinPackLookup, choosePack, withOverrides, type PackLookup } from './pack-choice';

/** The built-in packs by language. */
export const builtinPacks: PackLookup = builtinPackLookup({ en: builtinText, de: builtinDeText });

/** The English pack compiled from src/data/*.json. */
export const builtinPack = (): CompiledPack => builtinPacks('en')!;

/** The built-in pack for a language ("en", "de"), a teacher's compiled pack in its place, or undefined. */
export function builtinPackFor(language: string, overrides?: PacksByLanguage): CompiledPack | undefined {
  return withOverrides(builtinPacks, overrides)(language);
}

/** The pack an article is analysed with (pack-choice.ts). */
export function packForArticle(langAttribute: string | null | undefined, text: string, overrides?: PacksByLanguage): CompiledPack | undefined {
  return choosePack(langAttribute, text, withOverrides(builtinPacks, overrides));
}

/** Analyses an article with the built-in pack for its language; no findings for a language we have no pack for. */
export function analyzeArticle(text: string, langAttribute: string | null | undefined, overrides?: PacksByLanguage): Analysis {
  return analyzeWithPack(text, langAttribute, withOverrides(builtinPacks, overrides)).analysis;
}
