// Sorts every incoming message: drop what is malformed or unknown, refuse what the sender may not ask, run the rest.
import * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import { backgroundRequests, describeIssues, readEnvelope, RequestError, type BackgroundRequestType, type Reply } from '../messages';
import { handlers, type HandlerContext } from './handlers';
import { isOutOfSpace, isStorageRefused, isStorageUnavailable } from '../storage/storage-errors';
import { classifySender } from './sender';
import { t } from '../ui/i18n';
import type { BuiltinSources } from '../core/pack-set';
import type { PackLookup } from '../core/pack-choice';
import { AssignmentStore } from '../storage/assignment-store';
import { ConfigStore } from '../storage/config-store';
import { builtinCompiledPacks, builtinSourcePacks } from './builtin-data';
import type { Connection } from '../storage/database';
import type { NoteStore } from '../storage/note-store';

export interface RouterOptions extends Omit<HandlerContext, 'sender' | 'store' | 'config' | 'builtinSources' | 'builtinPacks' | 'assignments'> {
  /** The note store, with the IndexedDB connection that settings, packs and the assignment use. */
  store: NoteStore & { readonly connection: Connection };
  /** Defaults to a ConfigStore on the annotation store's database. */
  config?: ConfigStore;
  /** Defaults to an AssignmentStore on the annotation store's database. */
  assignments?: AssignmentStore;
  /** Defaults to the built-in source packs as the build ships them (fetched from the extension's files). */
  builtinSources?: () => Promise<BuiltinSources>;
  /** Defaults to the built-in compiled packs as the build ships them (fetched from the extension's files). */
  builtinPacks?: () => Promise<PackLookup>;
  extensionId: string;
  extensionOrigin: string;
}

export interface RouterStats {
  dropped: number;
  refused: number;
}

export function createRouter(options: RouterOptions) {
  const stats: RouterStats = { dropped: 0, refused: 0 };
  const context: Omit<HandlerContext, 'sender'> = {
    ...options,
    config: options.config ?? new ConfigStore(options.store.connection),
    assignments: options.assignments ?? new AssignmentStore(options.store.connection),
    builtinSources: options.builtinSources ?? builtinSourcePacks,
    builtinPacks: options.builtinPacks ?? builtinCompiledPacks,
  };

  async function route(message: unknown, sender: Runtime.MessageSender): Promise<Reply<unknown>> {
    const envelope = readEnvelope(backgroundRequests, message);
    if (!envelope) {
      stats.dropped++;
      return { ok: false, error: { code: 'bad-request', message: 'unknown message' } };
    }
    const type: BackgroundRequestType = envelope.type;
    const spec = backgroundRequests[type];
    const facts = classifySender(sender, options.extensionId, options.extensionOrigin, envelope.href);
    if (!facts || !(spec.from as readonly string[]).includes(facts.kind)) {
      stats.refused++;
      return { ok: false, error: { code: 'forbidden', message: `${type} is not allowed from this sender` } };
    }
    const parsed = v.safeParse(spec.payload, envelope.payload);
    if (!parsed.success) {
      stats.dropped++;
      return { ok: false, error: { code: 'bad-request', message: `${type}: ${describeIssues(parsed.issues)}` } };
    }
    try {
      // The store-wait tiers: the note store is chosen and its database opened before the handler runs (a connection
      // the browser closes later reopens at its next transaction, database.ts).
      if (spec.tier !== 'any') await context.store.kind();
      const handler = handlers[type] as (payload: unknown, ctx: HandlerContext) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.output, { ...context, sender: facts }) };
    } catch (error) {
      return { ok: false, error: toErrorReply(error) };
    }
  }

  return { route, stats };
}

/**
 * The reader sees these messages, in their language. `error_storage_refused` is reached only by settings, teachers'
 * packs and the assignment, which are kept in IndexedDB alone: notes, verdicts and drafts move to the extension's
 * storage area when IndexedDB is refused (ChosenNoteStore).
 */
function toErrorReply(error: unknown): { code: RequestError['code']; message: string } {
  if (error instanceof RequestError) return { code: error.code, message: error.message };
  if (isOutOfSpace(error)) return { code: 'quota', message: t('error_no_room') };
  if (isStorageUnavailable(error)) return { code: 'storage', message: t('error_storage_unavailable') };
  if (isStorageRefused(error)) return { code: 'storage', message: t('error_storage_refused') };
  return { code: 'storage', message: error instanceof Error ? error.message : String(error) };
}
