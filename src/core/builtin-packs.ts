// The built-in compiled packs by language, and the choice of pack for an article.
import builtinDeText from '../data/compiled/builtin-de';
import { analyze, emptyLedger } from './analyze';
import type { Analysis } from './findings';
import { CHECK_WORDS, detectLanguage, primaryLanguage } from './language';
import { builtinPack, lazyPack, type CompiledPack, type PacksByLanguage } from './pack';

const germanRules = lazyPack(builtinDeText);
let german: CompiledPack | undefined;
/**
 * The German pack with the English pack's outlets: outlets are not language-bound, so the German compiled file does
 * not ship a second copy. One object, so per-pack caches (the attribution lexicon) hold.
 */
function germanPack(): CompiledPack {
  german ??= { ...germanRules(), outlets: builtinPack().outlets };
  return german;
}

const BY_LANGUAGE: Record<string, () => CompiledPack> = { en: builtinPack, de: germanPack };

/** The built-in pack for a language ("en", "de"), or undefined when we ship none for it. */
export function builtinPackFor(language: string, overrides?: PacksByLanguage): CompiledPack | undefined {
  // A teacher's pack compiled with our data for its language takes the built-in pack's place.
  if (overrides && Object.hasOwn(overrides, language)) return overrides[language];
  return BY_LANGUAGE[language]?.();
}

/**
 * The pack to analyse an article with: the one for the language its text is in, when the text tells (a lang attribute
 * can be wrong: templates are copied between sites), else the one its lang attribute names. An article in a language
 * we have no pack for gets none: English rules on French text flag English look-alike words, which is worse than no
 * flags. A text too short to tell, without a lang attribute, is read as English, as before packs had languages.
 */
export function packForArticle(langAttribute: string | null | undefined, text: string, overrides?: PacksByLanguage): CompiledPack | undefined {
  const declared = primaryLanguage(langAttribute);
  const declaredPack = declared === undefined ? undefined : builtinPackFor(declared, overrides);
  // With a pack for the declared language, a shorter sample is enough to catch a text that is clearly in another.
  const detected = detectLanguage(text, declaredPack === undefined ? undefined : CHECK_WORDS);
  if (detected !== undefined && detected !== declared) return builtinPackFor(detected, overrides);
  if (declared !== undefined) return declaredPack;
  return builtinPackFor('en', overrides) ?? builtinPack();
}

/**
 * Analyses an article with the pack for its language, and says which pack that was (undefined, and no findings, for a
 * language we have no pack for).
 */
export function analyzeWithPack(
  text: string,
  langAttribute: string | null | undefined,
  overrides?: PacksByLanguage,
): { analysis: Analysis; pack: CompiledPack | undefined } {
  const pack = packForArticle(langAttribute, text, overrides);
  return { analysis: pack === undefined ? { findings: [], ledger: emptyLedger(), promotionalShare: 0 } : analyze(text, pack), pack };
}

/** Analyses an article with the built-in pack for its language; no findings for a language we have no pack for. */
export function analyzeArticle(text: string, langAttribute: string | null | undefined, overrides?: PacksByLanguage): Analysis {
  return analyzeWithPack(text, langAttribute, overrides).analysis;
}
