// The one message protocol between our contexts: every request type, who may send it, its payload schema and its result.
import * as v from 'valibot';
import type { Annotation, AnnotationCollection } from './core/annotation';
import { LIMITS } from './core/annotation';
import { DraftSelectionSchema, type Draft } from './core/draft';
import type { Analysis, Finding } from './core/findings';

/**
 * Who sent a message, decided by the background from `sender` alone (never from the payload):
 * - `content`: our content script in the top frame of an http(s) page; it may only touch that page's annotations;
 * - `extension-page`: our own pages (popup, note editor, options), which may read and change everything.
 */
export type SenderKind = 'content' | 'extension-page';

const uuid = v.pipe(v.string(), v.uuid());
const label = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.label));
const empty = v.strictObject({});

/** Requests to the background. */
export const backgroundRequests = {
  /** The annotations of the sender's own page. */
  'page/annotations': { from: ['content'], payload: empty },
  /** Keep a selection the reader wants to annotate; the note editor completes it. */
  'page/draft': { from: ['content'], payload: DraftSelectionSchema },
  'draft/get': { from: ['extension-page'], payload: v.strictObject({ id: uuid }) },
  /** Turn a draft into a stored annotation. Retrying with the same id never duplicates. */
  'draft/save': {
    from: ['extension-page'],
    payload: v.strictObject({
      id: uuid,
      note: v.pipe(v.string(), v.maxLength(LIMITS.note)),
      labels: v.pipe(v.array(label), v.maxLength(LIMITS.labels)),
    }),
  },
  'draft/cancel': { from: ['extension-page'], payload: v.strictObject({ id: uuid }) },
  'annotations/list': { from: ['extension-page'], payload: v.strictObject({ page: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.url))) }) },
  'annotations/export': { from: ['extension-page'], payload: empty },
} as const satisfies Record<string, { from: readonly SenderKind[]; payload: v.GenericSchema }>;

export type BackgroundRequestType = keyof typeof backgroundRequests;
export type BackgroundPayload<K extends BackgroundRequestType> = v.InferOutput<(typeof backgroundRequests)[K]['payload']>;

export interface BackgroundResults {
  'page/annotations': Annotation[];
  'page/draft': { id: string };
  'draft/get': Draft | null;
  'draft/save': Annotation;
  'draft/cancel': null;
  'annotations/list': Annotation[];
  'annotations/export': AnnotationCollection;
}

/** A finding as the popup shows it: the detector's finding plus whether it was found again on the page. */
export type PageFinding = Finding;

export interface PageState {
  url: string;
  title: string;
  article: { words: number } | null;
  analysis: Pick<Analysis, 'ledger' | 'promotionalShare'> | null;
  findings: PageFinding[];
  annotations: Array<Annotation & { anchored: boolean }>;
}

/** Messages our extension sends to a content script (the page itself cannot send these: only our extension can). */
export const contentRequests = {
  'tab/state': { payload: empty },
  'tab/annotations-changed': { payload: empty },
  'tab/close-editor': { payload: v.strictObject({ id: uuid }) },
} as const satisfies Record<string, { payload: v.GenericSchema }>;

export type ContentRequestType = keyof typeof contentRequests;
export interface ContentResults {
  'tab/state': PageState;
  'tab/annotations-changed': null;
  'tab/close-editor': null;
}

export interface Envelope<K extends string = string> {
  type: K;
  payload: unknown;
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
  const { type, payload } = message as Record<string, unknown>;
  if (typeof type !== 'string' || !Object.hasOwn(table, type)) return null;
  return { type: type as Extract<keyof T, string>, payload };
}

export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`)
    .join('; ');
}
