// The built-in compiled packs by language, and the choice of pack for an article.
import builtinDeText from '../data/compiled/builtin-de';
import { analyze, emptyLedger } from './analyze';
import type { Analysis } from './findings';
import { detectLanguage, primaryLanguage } from './language';
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
 * The pack to analyse an article with: the one for the language its lang attribute names, else the one for the
 * language detected in its text. An article in a language we have no pack for gets none: English rules on French
 * text flag English look-alike words, which is worse than no flags. Without a lang attribute, a text too short to
 * tell is read as English, as before packs had languages.
 */
export function packForArticle(langAttribute: string | null | undefined, text: string, overrides?: PacksByLanguage): CompiledPack | undefined {
  const declared = primaryLanguage(langAttribute);
  const declaredPack = declared === undefined ? undefined : builtinPackFor(declared, overrides);
  if (declaredPack !== undefined) return declaredPack;
  // A lang attribute we have no pack for may still be wrong (templates copied between sites): the text decides.
  const detected = detectLanguage(text);
  if (detected !== undefined) return builtinPackFor(detected, overrides);
  return declared === undefined ? builtinPackFor('en', overrides) ?? builtinPack() : undefined;
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
