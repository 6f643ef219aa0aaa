// The background's answers about settings and packs: what a page runs with, and the options page's changes to both.
import { ledgerOf } from '../core/analyze';
import { fingerprint } from '../core/fingerprint';
import { analyzeWithPack, withOverrides, type PackLookup } from '../core/pack-choice';
import { PackError } from '../core/compile';
import { parsePackFile } from '../core/pack-file';
import { compileEffective, inMergeOrder, installedPack, summarise, type InstalledPack } from '../core/pack-set';
import { DEFAULT_SETTINGS, runsOn } from '../core/settings';
import { lookupDomain } from '../core/sources';
import type { BackgroundPayload, BackgroundResults, PackList } from '../messages';
import { ARTICLE_LIMITS, RequestError } from '../messages';
import type { PackCompiler } from '../storage/config-store';
import type { HandlerContext } from './handlers';
import { t } from '../ui/i18n';
import { analysisStarted, warmAnalyser } from './warm-up';

type ConfigRequest = 'page/config' | 'page/analyze' | 'site/outlet' | 'settings/get' | 'settings/set' | 'packs/list' | 'packs/import' | 'packs/set-enabled' | 'packs/remove' | 'packs/undo';
type ConfigHandlers = { [K in ConfigRequest]: (payload: BackgroundPayload<K>, ctx: HandlerContext) => Promise<BackgroundResults[K]> };

/** Compiles with the built-in packs read beforehand: the store compiles inside its transaction, which cannot wait. */
async function compilerFor(ctx: HandlerContext): Promise<PackCompiler> {
  const builtin = await ctx.builtinSources();
  return (packs) => {
    try {
      return compileEffective(builtin, packs);
    } catch (error) {
      if (error instanceof PackError) throw new RequestError('bad-request', t('error_packs_conflict', error.problems.slice(0, 10).join('; ')));
      throw error;
    }
  };
}

async function packList(ctx: HandlerContext): Promise<PackList> {
  const [packs, undoable] = await Promise.all([ctx.config.packs(), ctx.config.undoable()]);
  return { packs: inMergeOrder(packs).map(summarise), undoable };
}

/**
 * The `any` tier (messages.ts): what a page runs with never depends on storage opening. When the database is refused
 * (Firefox's permanent private browsing), full or broken, the page runs with the defaults and the built-in packs.
 */
function orDefault<T>(reading: Promise<T>, fallback: T): Promise<T> {
  return reading.catch((error: unknown) => {
    console.debug('[margin] settings or packs unreadable; using the defaults', error);
    return fallback;
  });
}

/**
 * The packs a page's article is analysed with: the built-in ones, a teacher's in their language's place. Settings and
 * packs unreadable: the built-in packs alone.
 */
async function packsFor(ctx: HandlerContext): Promise<PackLookup> {
  const [builtin, overrides] = await Promise.all([ctx.builtinPacks(), orDefault(ctx.config.effectivePacks(), null)]);
  return withOverrides(builtin, overrides);
}

/** After a change is stored: every open page asks for its config again. */
async function changed<T>(ctx: HandlerContext, result: T): Promise<T> {
  ctx.notifyAllTabs('tab/config-changed');
  return result;
}

export const configHandlers: ConfigHandlers = {
  async 'page/config'(_payload, ctx) {
    const settings = await orDefault(ctx.config.settings(), DEFAULT_SETTINGS);
    // The background decides from the sender's address: a page cannot talk its way onto or off the list.
    const runs = ctx.sender.page ? runsOn(new URL(ctx.sender.page).hostname, settings) : true;
    if (runs) warmAnalyser(() => packsFor(ctx));
    return { runs, settings };
  },

  async 'site/outlet'({ url }, ctx) {
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      return null;
    }
    // Every compiled pack holds the same outlet table (pack-set.ts), a teacher's outlets included.
    return lookupDomain(host, (await packsFor(ctx))('en')!) ?? null;
  },

  async 'page/analyze'({ text, lang }, ctx) {
    analysisStarted();
    const packs = await packsFor(ctx);
    const started = performance.now();
    // The content script sends no more than this; a compromised one could send 8 MB, seconds of work for everyone.
    const read = text.length > ARTICLE_LIMITS.chars ? text.slice(0, ARTICLE_LIMITS.chars) : text;
    const { analysis, pack } = analyzeWithPack(read, lang, packs);
    // Findings come in text order: the first ones are kept, and the page is told how many more there were. The
    // ledger counts the kept ones, so that the popup's figures add up.
    const findings = analysis.findings.slice(0, ARTICLE_LIMITS.findings);
    const findingsCut = analysis.findings.length - findings.length;
    return {
      ...analysis,
      findings,
      ...(findingsCut > 0 ? { ledger: ledgerOf(findings) } : {}),
      findingsCut,
      packVersion: (pack ?? packs('en')!).version,
      analysedMs: performance.now() - started,
      fingerprint: fingerprint(read),
    };
  },

  async 'settings/get'(_payload, { config }) {
    return config.settings();
  },

  async 'settings/set'(settings, ctx) {
    await ctx.config.saveSettings(settings);
    return changed(ctx, settings);
  },

  async 'packs/list'(_payload, ctx) {
    return packList(ctx);
  },

  /** Parsed, checked and compiled with the whole set before anything is written; then one transaction. */
  async 'packs/import'({ fileName, text }, ctx) {
    const [installed, builtin] = await Promise.all([ctx.config.packs(), ctx.builtinSources()]);
    const parsed = parsePackFile(text, fileName, [...Object.values(builtin).flat(), ...inMergeOrder(installed).flatMap((pack) => pack.parts)]);
    if (!parsed.ok) throw new RequestError('bad-request', [t('error_pack_invalid', parsed.file), ...parsed.problems].join('\n'));
    const order = Math.max(0, ...installed.map((pack) => pack.order)) + 1;
    const pack: InstalledPack = installedPack(parsed.pack, fileName, ctx.now().toISOString(), order);
    const { before, after } = await ctx.config.installPack(pack, await compilerFor(ctx));
    return changed(ctx, { pack: summarise(after), replaced: before ? summarise(before) : null });
  },

  async 'packs/set-enabled'({ id, enabled }, ctx) {
    if (!(await ctx.config.setEnabled(id, enabled, await compilerFor(ctx)))) throw new RequestError('not-found', `no pack "${id}" is installed`);
    return changed(ctx, await packList(ctx));
  },

  async 'packs/remove'({ id }, ctx) {
    await ctx.config.removePack(id, await compilerFor(ctx));
    return changed(ctx, await packList(ctx));
  },

  async 'packs/undo'({ id }, ctx) {
    await ctx.config.undoPack(id, await compilerFor(ctx));
    return changed(ctx, await packList(ctx));
  },
};
