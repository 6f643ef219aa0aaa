// The one message protocol between our contexts: every request type, who may send it, its payload schema and its result.
import * as v from 'valibot';
import type { Annotation } from './core/annotation';
import { AnnotationSchema, FlagVerdictSchema, LIMITS } from './core/annotation';
import { AssignmentSchema, ASSIGNMENT_LIMITS, type Assignment } from './core/assignment-schema';
import { DraftSelectionSchema, selectionWith, type Draft } from './core/draft';
import type { Analysis, Finding, OutletInfo } from './core/findings';
import type { PackSummary } from './core/pack-set';
import { FLAG_COMMANDS } from './commands';
import { SettingsSchema, type Settings } from './core/settings';
import type { StorageKind } from './storage/note-store';

/**
 * Who sent a message, decided by the background from `sender` alone (never from the payload):
 * - `content`: our content script in the top frame of an http(s) page; it may only touch that page's annotations;
 * - `editor`: our note editor (EDITOR_PAGE), framed inside web pages: only what writing a note needs (its tab's
 *   drafts, the labels on offer, where the note will be kept), as it lives where a page could try to drive it;
 * - `extension-page`: our other pages (popup, options, classroom), which may read and change everything.
 */
export type SenderKind = 'content' | 'editor' | 'extension-page';

/** The note editor's page, from the extension's root: the content script frames it, the background knows it by it. */
export const EDITOR_PAGE = 'src/editor/index.html';

/**
 * How the background answers a request (issue 8's tiers), checked by the router before any handler runs:
 * - `any`: answered even when storage cannot open (then with the defaults: the built-in packs and settings), so a
 *   page is still explained when the database is refused, full or broken;
 * - `store`: waits until the note store is open (chosen, or reopened after the browser closed it under us) and fails
 *   with a storage error, not a half answer, when it cannot open; a content script may send these, for its own page;
 * - `privileged`: waits for the store too, and only our own extension pages may send it (the sender decides, never
 *   the payload): reading or changing everything, settings, packs, import and export; the note editor only its part.
 */
export type RequestTier = 'any' | 'store' | 'privileged';

const uuid = v.pipe(v.string(), v.uuid());
const label = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.label));
const empty = v.strictObject({});
const packId = v.pipe(v.string(), v.minLength(1), v.maxLength(80));

/** What the annotation list, search and export can be narrowed to; every field is optional. */
export const ListFilterSchema = v.strictObject({
  page: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.url))),
  site: v.optional(v.pipe(v.string(), v.maxLength(253))),
  label: v.optional(label),
  /** Case-insensitive text search in quote, note, labels and page title. */
  query: v.optional(v.pipe(v.string(), v.maxLength(500))),
});
export type ListFilter = v.InferOutput<typeof ListFilterSchema>;

/** Requests to the background. */
export const backgroundRequests = {
  /**
   * The annotations of the sender's own page, plus the reader's dismissals that reach it from elsewhere
   * (scope "site" on the same site, or "everywhere").
   */
  'page/annotations': { tier: 'store', from: ['content'], payload: empty },
  /** Keep a selection the reader wants to annotate; the note editor completes it. */
  'page/draft': { tier: 'store', from: ['content'], payload: DraftSelectionSchema },
  'draft/get': { tier: 'privileged', from: ['editor'], payload: v.strictObject({ id: uuid }) },
  /** Turn a draft into a stored annotation. Retrying with the same id never duplicates. */
  'draft/save': {
    tier: 'privileged',
    from: ['editor'],
    payload: v.strictObject({
      id: uuid,
      note: v.pipe(v.string(), v.maxLength(LIMITS.note)),
      labels: v.pipe(v.array(label), v.maxLength(LIMITS.labels)),
    }),
  },
  'draft/cancel': { tier: 'privileged', from: ['editor'], payload: v.strictObject({ id: uuid }) },
  /**
   * The reader confirms or dismisses an automatic flag on the sender's page. Stored as an annotation with motivation
   * "classifying" and `flag`; the id is chosen by the caller, so a retry never duplicates.
   */
  'page/verdict': {
    tier: 'store',
    from: ['content'],
    // Marked pure, so that the content script's bundle, which needs none of these schemas, does not build it.
    payload: /* @__PURE__ */ selectionWith({ flag: FlagVerdictSchema }),
  },
  'annotations/list': { tier: 'privileged', from: ['extension-page'], payload: ListFilterSchema },
  'annotations/update': {
    tier: 'privileged',
    from: ['extension-page'],
    payload: v.strictObject({ id: uuid, note: v.pipe(v.string(), v.maxLength(LIMITS.note)), labels: v.pipe(v.array(label), v.maxLength(LIMITS.labels)) }),
  },
  /** Deletes and returns what was deleted, so the caller can offer an undo (annotations/restore). */
  'annotations/delete': { tier: 'privileged', from: ['extension-page'], payload: v.strictObject({ ids: v.pipe(v.array(uuid), v.maxLength(100_000)) }) },
  'annotations/restore': { tier: 'privileged', from: ['extension-page'], payload: v.strictObject({ annotations: v.pipe(v.array(AnnotationSchema), v.maxLength(100_000)) }) },
  'annotations/export': { tier: 'privileged', from: ['extension-page'], payload: v.strictObject({ format: v.picklist(['jsonld', 'csv']), filter: v.optional(ListFilterSchema) }) },
  /** All or nothing: a file with any bad record changes nothing and says what is wrong where. */
  'annotations/import': { tier: 'privileged', from: ['extension-page'], payload: v.strictObject({ text: v.pipe(v.string(), v.maxLength(64 * 1024 * 1024)) }) },
  /**
   * What a page runs with: whether the site list lets Margin run on the sender's page, and the reader's settings.
   */
  'page/config': { tier: 'any', from: ['content', 'extension-page'], payload: empty },
  /**
   * Analyses an article's text with the compiled packs the background holds (built-in + teachers', by language).
   * Every page's article is analysed here, never in the page: the packs and the analyser stay out of the content
   * script (which every page loads), and the background's analyser is warm after its first page, where a content
   * script's is cold on every visit. The text never leaves the extension. `lang` is the article's lang attribute.
   */
  'page/analyze': {
    tier: 'any',
    from: ['content'],
    payload: v.strictObject({ text: v.pipe(v.string(), v.maxLength(8 * 1024 * 1024)), lang: v.nullable(v.pipe(v.string(), v.maxLength(35))) }),
  },
  /**
   * The outlet behind a page's site (the popup's "This site"), from the outlet table of the enabled packs: asked here
   * because the public suffix list and the table stay out of the popup as they do out of the content script.
   */
  'site/outlet': { tier: 'privileged', from: ['extension-page'], payload: v.strictObject({ url: v.pipe(v.string(), v.maxLength(8192)) }) },
  'settings/get': { tier: 'privileged', from: ['extension-page'], payload: empty },
  /** Replaces the settings; every open tab re-applies them at once. */
  'settings/set': { tier: 'privileged', from: ['extension-page'], payload: SettingsSchema },
  'packs/list': { tier: 'privileged', from: ['editor', 'extension-page'], payload: empty },
  /** All or nothing: a pack file with any problem installs nothing and lists what is wrong by file, entry and field. */
  'packs/import': { tier: 'privileged', from: ['extension-page'], payload: v.strictObject({ fileName: v.pipe(v.string(), v.maxLength(255)), text: v.pipe(v.string(), v.maxLength(8 * 1024 * 1024)) }) },
  'packs/set-enabled': { tier: 'privileged', from: ['extension-page'], payload: v.strictObject({ id: packId, enabled: v.boolean() }) },
  'packs/remove': { tier: 'privileged', from: ['extension-page'], payload: v.strictObject({ id: packId }) },
  /** Puts a pack back as it was before its last change (import, replace, enable, disable, remove). */
  'packs/undo': { tier: 'privileged', from: ['extension-page'], payload: v.strictObject({ id: packId }) },
  /**
   * Where notes are kept: 'indexeddb', or 'extension-storage' where the browser refuses IndexedDB (Firefox's permanent
   * private browsing); the note editor tells the reader before they write, and our pages read the notes in place
   * only from IndexedDB (src/ui/stored-notes.ts).
   */
  'storage/where': { tier: 'privileged', from: ['editor', 'extension-page'], payload: empty },
  /** The student's current assignment (the note editor offers its labels); null when there is none. */
  'assignment/current': { tier: 'privileged', from: ['editor', 'extension-page'], payload: empty },
  /** Replaces the current assignment (null: leave it). */
  'assignment/set': { tier: 'privileged', from: ['extension-page'], payload: v.strictObject({ assignment: v.nullable(AssignmentSchema) }) },
  /** The student's work on the current assignment as a submission file, under the name they typed. */
  'assignment/submission': { tier: 'privileged', from: ['extension-page'], payload: v.strictObject({ student: v.pipe(v.string(), v.minLength(1), v.maxLength(ASSIGNMENT_LIMITS.student)) }) },
} as const satisfies Record<string, { tier: RequestTier; from: readonly SenderKind[]; payload: v.GenericSchema }>;

export type BackgroundRequestType = keyof typeof backgroundRequests;
export type BackgroundPayload<K extends BackgroundRequestType> = v.InferOutput<(typeof backgroundRequests)[K]['payload']>;

export interface BackgroundResults {
  'page/annotations': Annotation[];
  /** `keptIn`: where the note will be kept; the editor is framed taller to say so when it is not IndexedDB. */
  'page/draft': { id: string; keptIn: StorageKind };
  'draft/get': Draft | null;
  'draft/save': Annotation;
  'draft/cancel': null;
  'page/verdict': Annotation;
  'annotations/list': Annotation[];
  'annotations/update': Annotation;
  'annotations/delete': Annotation[];
  'annotations/restore': null;
  'annotations/export': { filename: string; mimeType: string; text: string };
  'annotations/import': ImportReport;
  'page/config': PageConfig;
  'page/analyze': AnalyzeReply;
  'site/outlet': OutletInfo | null;
  'settings/get': Settings;
  'settings/set': Settings;
  'packs/list': PackList;
  'packs/import': { pack: PackSummary; replaced: PackSummary | null };
  'packs/set-enabled': PackList;
  'packs/remove': PackList;
  'packs/undo': PackList;
  'storage/where': StorageKind;
  'assignment/current': Assignment | null;
  'assignment/set': null;
  'assignment/submission': { filename: string; mimeType: string; text: string; count: number };
}

export interface PageConfig {
  /** False when the reader's site list keeps Margin off this page. */
  runs: boolean;
  settings: Settings;
}

/**
 * How much of one article is read and flagged: past the longest news article (about 40,000 words, 60 long reads),
 * short enough that a page of a book's length keeps the page's main thread and the background free.
 */
export const ARTICLE_LIMITS = { chars: 250_000, findings: 2_000 } as const;

export interface AnalyzeReply extends Analysis {
  /** Version of the pack the article was analysed with: a verdict on a flag records it. */
  packVersion: string;
  /** How long the analysis took in the background (performance.now()): the benchmark reads it from the tab's state. */
  analysedMs: number;
  /** The text's fingerprint (core/fingerprint.ts), kept with notes: hashing 30 KB costs a cold page 2-4 ms, here less. */
  fingerprint: string;
  /** Flags past ARTICLE_LIMITS.findings, left out of `findings`. */
  findingsCut: number;
}

/** Our pipeline's last run on a page, ms (wall clock): what it cost the page and the background. */
export interface PipelineWork {
  /** Tasks of ours on the page's main thread so far (all runs) and the longest of them. */
  tasks: number;
  longestMs: number;
  /**
   * The last completed run: each step's time on the page, their sum, the background's analysis, and how long the page
   * waited for that analysis (from sending the text to the answer: the analysis, the messaging, and a background
   * starting or busy).
   */
  last: { extract: number; textMap: number; analyse: number; highlight: number; pageMs: number; longestMs: number; backgroundMs: number; answerWaitMs: number } | null;
  /** Completed runs (a live page is analysed again when its article changes). */
  runs: number;
  /** The content script's own start-up (its top-level run, before any work). */
  startupMs: number;
  /** How long the page last waited for its config before extracting (a stopped background starts first); 0: unasked. */
  configWaitMs: number;
  /**
   * Firefox before 146 only (content/underline-overlay.ts): the frames in which we drew the underlines the browser does
   * not paint, each a task of ours (counted in `tasks` and `longestMs` too): the drawings finished, the first one's
   * time over all its frames, and the longest frame.
   */
  underlines: { drawings: number; firstMs: number; longestMs: number };
}

export interface PackList {
  /** In merge order: later packs override earlier ones. */
  packs: PackSummary[];
  /** Ids of packs whose last change can be undone. */
  undoable: string[];
}

export interface ImportReport {
  /** Records in the file. */
  total: number;
  added: number;
  /** Existing records replaced by a newer version from the file (same id, later "modified"). */
  updated: number;
  /** Records already stored in the same or a newer version. */
  unchanged: number;
  /** Records the file held more than once (same id): only the newest of each was read. */
  repeated: number;
}

/** An annotation as found again on the page: anchored, or an orphan with the reason. */
/** `unsure`: found by its words alone, or where another place fits as well (core/anchor.ts `confirmed`). */
export type PlacedAnnotation = Annotation & { anchored: boolean; unsure?: boolean; orphanReason?: string; articleEdited?: boolean };

export interface PageState {
  url: string;
  title: string;
  /** `truncated`: the article is longer than ARTICLE_LIMITS.chars, and only that much of it is read. */
  article: { words: number; truncated?: true } | null;
  analysis: Pick<Analysis, 'ledger' | 'promotionalShare'> | null;
  /** The flags shown on the page (dismissed ones left out). */
  findings: Finding[];
  /** How many flags the reader's dismissals hide here. */
  dismissed: number;
  /** Flags past ARTICLE_LIMITS.findings, not shown. */
  findingsCut?: number;
  annotations: PlacedAnnotation[];
  /**
   * How long our pipeline held this page's main thread, wall clock. Firefox has no Long Tasks API and no trace of whose
   * script ran, so this self-report is what shows our tasks there; the benchmark reads its per-step times.
   */
  work: PipelineWork;
  /** Set when the reader's site list keeps Margin off this page: nothing is analysed or painted. */
  off?: true;
}

/** Messages our extension sends to a content script (the page itself cannot send these: only our extension can). */
export const contentRequests = {
  'tab/state': { payload: empty },
  'tab/annotations-changed': { payload: empty },
  /** The settings or the installed packs changed: ask for the page's config again and re-paint. */
  'tab/config-changed': { payload: empty },
  /** A keyboard command the browser handed to the background (see src/commands.ts). */
  'tab/command': { payload: v.strictObject({ command: v.picklist(FLAG_COMMANDS) }) },
  'tab/close-editor': { payload: v.strictObject({ id: uuid }) },
  /** Scroll the page to one of the reader's annotations (from the popup's list). */
  'tab/scroll-to': { payload: v.strictObject({ id: uuid }) },
  /** The popup's list of flags: show this one in the page (scrolled to, marked, its card open). */
  'tab/show-flag': { payload: v.strictObject({ start: v.pipe(v.number(), v.integer(), v.minValue(0)), ruleId: v.pipe(v.string(), v.maxLength(200)) }) },
} as const satisfies Record<string, { payload: v.GenericSchema }>;

export type ContentRequestType = keyof typeof contentRequests;
export interface ContentResults {
  'tab/state': PageState;
  'tab/annotations-changed': null;
  'tab/config-changed': null;
  'tab/command': null;
  'tab/close-editor': null;
  'tab/scroll-to': boolean;
  /** False when the flag is no longer on the page (a live page changed, or it was dismissed). */
  'tab/show-flag': boolean;
}

export interface Envelope<K extends string = string> {
  type: K;
  payload: unknown;
  /**
   * The sender's address as it sees it (`location.href`). The browsers report a content script's page as the address
   * its document was loaded at, which a single-page site then changes with the History API; the background takes this
   * one instead, and only within the origin the browser reports (background/sender.ts).
   */
  href?: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false, error: { code: ErrorCode; message: string } };
export type ErrorCode = 'bad-request' | 'forbidden' | 'not-found' | 'storage' | 'quota' | 'internal';

export class RequestError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
  }
}

/** A well-formed envelope: a known type and a payload to validate. Anything else is dropped. */
export function readEnvelope<T extends Record<string, unknown>>(table: T, message: unknown): Envelope<Extract<keyof T, string>> | null {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return null;
  const { type, payload, href } = message as Record<string, unknown>;
  if (typeof type !== 'string' || !Object.hasOwn(table, type)) return null;
  return { type: type as Extract<keyof T, string>, payload, ...(typeof href === 'string' ? { href } : {}) };
}

export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`)
    .join('; ');
}
