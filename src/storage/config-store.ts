// The reader's settings and the installed packs, with one step of undo per pack and the compiled effective pack,
// kept in the same IndexedDB as the annotations. Every pack change and its recompiled pack land in one transaction.
import { COMPILED_FORMAT } from '../core/compiled-format';
import type { PacksByLanguage } from '../core/pack';
import type { InstalledPack } from '../core/pack-set';
import { DEFAULT_SETTINGS, salvageSettings, type Settings } from '../core/settings';
import { commit, type AnyTx } from './annotation-store';
import type { Connection } from './database';

const SETTINGS_KEY = 'settings';
const EFFECTIVE_KEY = 'effective';
const DURABLE = { durability: 'strict' } as const;

/** Compiles the effective packs from the whole set of installed packs (null: none is on). May throw to refuse. */
export type PackCompiler = (packs: InstalledPack[]) => PacksByLanguage | null;

/** What a change decides for one pack id: its next state (null: not installed). Return undefined to change nothing. */
type PackDecision = (existing: InstalledPack | undefined, all: InstalledPack[], history: { before: InstalledPack | null } | undefined) =>
  { next: InstalledPack | null; keepHistory?: boolean } | undefined;

export class ConfigStore {
  /**
   * The compiled packs as last read, for the background's life: pages ask the background to analyse with them, so
   * reading (and cloning) 1.5 MB out of IndexedDB per page would cost more than the analysis. Every change drops it.
   */
  private effective: Promise<PacksByLanguage | null> | undefined;

  constructor(private readonly connection: Connection) {}

  /** The stored settings (what of them still fits the schema), or the defaults when none were saved. */
  async settings(): Promise<Settings> {
    const tx = await this.connection.transaction(['settings']);
    const stored: unknown = await tx.objectStore('settings').get(SETTINGS_KEY);
    return stored === undefined ? DEFAULT_SETTINGS : salvageSettings(stored);
  }

  async saveSettings(settings: Settings): Promise<void> {
    const tx = await this.connection.transaction(['settings'], 'readwrite', DURABLE);
    await commit(tx as unknown as AnyTx, async (write) => write(tx.objectStore('settings').put(settings, SETTINGS_KEY)));
  }

  async packs(): Promise<InstalledPack[]> {
    const tx = await this.connection.transaction(['packs']);
    return tx.objectStore('packs').getAll();
  }

  /** Pack ids that have a step to undo. */
  async undoable(): Promise<string[]> {
    const tx = await this.connection.transaction(['packHistory']);
    return (await tx.objectStore('packHistory').getAllKeys()).map(String);
  }

  /** Per language, the compiled built-in + enabled packs; null when no pack is on (the built-in packs alone). */
  effectivePacks(): Promise<PacksByLanguage | null> {
    this.effective ??= this.readEffectivePacks().catch((error: unknown) => {
      this.effective = undefined;
      throw error;
    });
    return this.effective;
  }

  private async readEffectivePacks(): Promise<PacksByLanguage | null> {
    const tx = await this.connection.transaction(['compiledPack']);
    const compiled = (await tx.objectStore('compiledPack').get(EFFECTIVE_KEY))?.compiled ?? null;
    // Compiled by an older version of the extension, whose update recompiles it (background/index.ts): until then
    // the built-in packs stand in, rather than a pack this code cannot read.
    if (compiled !== null && Object.values(compiled).some((pack) => pack.format !== COMPILED_FORMAT)) return null;
    return compiled;
  }

  /** Installs a pack, or replaces the installed pack with that id; the previous state becomes its undo step. */
  installPack(pack: InstalledPack, compile: PackCompiler): Promise<{ before: InstalledPack | null; after: InstalledPack }> {
    let before: InstalledPack | null = null;
    return this.change(pack.id, (existing) => {
      before = existing ?? null;
      // A new version of a pack keeps its place in the merge order.
      return { next: existing ? { ...pack, order: existing.order } : pack };
    }, compile).then(() => ({ before, after: pack }));
  }

  setEnabled(id: string, enabled: boolean, compile: PackCompiler): Promise<InstalledPack | null> {
    return this.change(id, (existing) => (existing && existing.enabled !== enabled ? { next: { ...existing, enabled } } : undefined), compile);
  }

  removePack(id: string, compile: PackCompiler): Promise<InstalledPack | null> {
    return this.change(id, (existing) => (existing ? { next: null } : undefined), compile);
  }

  /** Puts the pack back as it was before its last change (re-installs a removed pack, removes a new one). */
  undoPack(id: string, compile: PackCompiler): Promise<InstalledPack | null> {
    return this.change(id, (_existing, _all, history) => (history ? { next: history.before, keepHistory: false } : undefined), compile);
  }

  /** Recompiles the effective pack from what is installed (after an update of the extension changed the built-in data). */
  recompile(compile: PackCompiler): Promise<void> {
    return this.dropEffectiveAround(async () => {
      const tx = await this.connection.transaction(['packs', 'compiledPack'], 'readwrite', DURABLE);
      await commit(tx as unknown as AnyTx, async (write) => {
        const compiled = compile(await tx.objectStore('packs').getAll());
        write(compiled ? tx.objectStore('compiledPack').put({ compiled }, EFFECTIVE_KEY) : tx.objectStore('compiledPack').delete(EFFECTIVE_KEY));
      });
    });
  }

  /** Drops the memoised packs before a change and again once it is stored, so a read in between is not kept. */
  private async dropEffectiveAround<T>(work: () => Promise<T>): Promise<T> {
    this.effective = undefined;
    try {
      return await work();
    } finally {
      this.effective = undefined;
    }
  }

  /**
   * One pack change in one transaction: read the set, decide, compile the new set (synchronously, so the transaction
   * stays open), then write the pack, its undo step and the compiled pack. A compile that throws writes nothing.
   */
  private change(id: string, decide: PackDecision, compile: PackCompiler): Promise<InstalledPack | null> {
    return this.dropEffectiveAround(() => this.changeInOneTransaction(id, decide, compile));
  }

  private async changeInOneTransaction(id: string, decide: PackDecision, compile: PackCompiler): Promise<InstalledPack | null> {
    const tx = await this.connection.transaction(['packs', 'packHistory', 'compiledPack'], 'readwrite', DURABLE);
    return commit(tx as unknown as AnyTx, async (write) => {
      const packs = tx.objectStore('packs');
      const [all, history] = await Promise.all([packs.getAll(), tx.objectStore('packHistory').get(id)]);
      const existing = all.find((pack) => pack.id === id);
      const decision = decide(existing, all, history);
      if (!decision) return existing ?? null;
      const nextSet = [...all.filter((pack) => pack.id !== id), ...(decision.next ? [decision.next] : [])];
      const compiled = compile(nextSet);
      write(decision.next ? packs.put(decision.next) : packs.delete(id));
      write(decision.keepHistory === false ? tx.objectStore('packHistory').delete(id) : tx.objectStore('packHistory').put({ before: existing ?? null }, id));
      write(compiled ? tx.objectStore('compiledPack').put({ compiled }, EFFECTIVE_KEY) : tx.objectStore('compiledPack').delete(EFFECTIVE_KEY));
      return decision.next;
    });
  }
}
