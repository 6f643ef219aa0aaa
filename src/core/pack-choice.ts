// Which compiled pack an article is analysed with, from the packs at hand: the built-in ones (as node imports them in
// builtin-packs.ts, as the background reads them from the extension's files) and a teacher's.
import { analyze, emptyLedger } from './analyze';
import type { Analysis } from './findings';
import { CHECK_WORDS, detectLanguage, primaryLanguage } from './language';
import { lazyPack, type CompiledPack, type PacksByLanguage } from './pack';

/** The compiled pack for a primary language ("en", "de"), or undefined where there is none. */
export type PackLookup = (language: string) => CompiledPack | undefined;

/** The built-in compiled packs' JSON text (src/data/compiled/, written by scripts/compile-packs.ts). */
export interface BuiltinPackTexts {
  en: string;
  de: string;
}

/**
 * The built-in packs, each parsed on its first use. The German pack gets the English pack's outlets: outlets are not
 * language-bound, so the German compiled file does not ship a second copy. One object per language, so per-pack caches
 * (the attribution lexicon) hold.
 */
export function builtinPackLookup(texts: BuiltinPackTexts): PackLookup {
  const english = lazyPack(texts.en);
  const germanRules = lazyPack(texts.de);
  let german: CompiledPack | undefined;
  const byLanguage: Record<string, () => CompiledPack> = {
    en: english,
    de: () => (german ??= { ...germanRules(), outlets: english().outlets }),
  };
  return (language) => (Object.hasOwn(byLanguage, language) ? byLanguage[language]!() : undefined);
}

/** A teacher's pack, compiled with our data for its language, takes the built-in pack's place. */
export function withOverrides(builtin: PackLookup, overrides?: PacksByLanguage | null): PackLookup {
  if (!overrides) return builtin;
  return (language) => (Object.hasOwn(overrides, language) ? overrides[language] : builtin(language));
}

/**
 * The pack to analyse an article with: the one for the language its text is in, when the text tells (a lang attribute
 * can be wrong: templates are copied between sites), else the one its lang attribute names. An article in a language
 * we have no pack for gets none: English rules on French text flag English look-alike words, which is worse than no
 * flags. A text too short to tell, without a lang attribute, is read as English, as before packs had languages.
 */
export function choosePack(langAttribute: string | null | undefined, text: string, packFor: PackLookup): CompiledPack | undefined {
  const declared = primaryLanguage(langAttribute);
  const declaredPack = declared === undefined ? undefined : packFor(declared);
  // With a pack for the declared language, a shorter sample is enough to catch a text that is clearly in another.
  const detected = detectLanguage(text, declaredPack === undefined ? undefined : CHECK_WORDS);
  if (detected !== undefined && detected !== declared) return packFor(detected);
  if (declared !== undefined) return declaredPack;
  return packFor('en');
}

/**
 * Analyses an article with the pack for its language, and says which pack that was (undefined, and no findings, for a
 * language we have no pack for).
 */
export function analyzeWithPack(
  text: string,
  langAttribute: string | null | undefined,
  packFor: PackLookup,
): { analysis: Analysis; pack: CompiledPack | undefined } {
  const pack = choosePack(langAttribute, text, packFor);
  return { analysis: pack === undefined ? { findings: [], ledger: emptyLedger(), promotionalShare: 0 } : analyze(text, pack), pack };
}
