// Reads a teacher's pack file: validates every part, names each problem by file, entry and field, and resolves the
// entries it switches off. Nothing is installed from a file with any problem (the caller stores only a clean result).
import * as v from 'valibot';
import { LIMITS } from './annotation';
import { PackError, PackLanguage, parseSourcePack, type SourcePack } from './compile';
import { quotable } from './report-text';

/**
 * A pack file is either one source pack (the shape of src/data/*.json, see src/data/README.md) or a bundle that a
 * teacher writes by hand: one header, its parts without repeating the header, and the rule ids it switches off.
 *
 * { "kind": "bundle", "id": "class-7b", "version": "1.0.0", "language": "en", "license": "CC-BY-4.0",
 *   "name": "7B: war reporting", "packs": [{ "kind": "loaded-terms", "entries": [...] }], "disable": ["loaded:mob"] }
 */
export const PACK_FILE_LIMITS = {
  /** Characters in one file: a 5,000-term class pack is about 1.5 MB. */
  text: 8 * 1024 * 1024,
  entries: 20_000,
  parts: 16,
  disable: 5_000,
  problemsListed: 20,
} as const;

/** Rule-id families and the part kind whose entries they name: loaded:mob is the loaded-terms entry "mob". */
const FAMILY_KIND = { loaded: 'loaded-terms', boilerplate: 'boilerplate', attribution: 'attribution', source: 'sources' } as const satisfies Record<string, SourcePack['kind']>;

const Header = {
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9.-]{0,79}$/, 'ids are lowercase letters, digits, dots and hyphens')),
  version: v.pipe(v.string(), v.regex(/^\d+\.\d+\.\d+$/, 'version is major.minor.patch')),
  language: PackLanguage,
  license: v.pipe(v.string(), v.minLength(1), v.maxLength(400)),
  name: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
  description: v.optional(v.pipe(v.string(), v.maxLength(2000))),
};

const BundleSchema = v.strictObject({
  kind: v.literal('bundle'),
  ...Header,
  packs: v.pipe(v.array(v.looseObject({ kind: v.string() })), v.maxLength(PACK_FILE_LIMITS.parts)),
  disable: v.optional(v.pipe(v.array(v.pipe(v.string(), v.regex(/^(loaded|boilerplate|attribution|source):[a-z0-9][a-z0-9-]*$/, 'a rule id such as "loaded:mob"'))), v.maxLength(PACK_FILE_LIMITS.disable))),
  /** The labels a class annotates with: the note editor offers them while the pack is on. */
  labels: v.optional(v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(1, 'a label is not empty'), v.maxLength(LIMITS.label))), v.maxLength(LIMITS.labels))),
});

/** A pack as installed: its header, its validated parts, and the rule ids it switches off. */
export interface PackContent {
  id: string;
  version: string;
  language: string;
  license: string;
  name?: string;
  description?: string;
  parts: SourcePack[];
  disable: string[];
  /** Annotation labels the pack brings (bundles only). */
  labels?: string[];
}

export interface PackCounts {
  loaded: number;
  boilerplate: number;
  attribution: number;
  sources: number;
  /** Entries switched off, by `disable` or by `"disabled": true`. */
  disabled: number;
}

/** A refused file names itself as `file` (made safe to show), for the reader's own-language "is not a valid pack". */
export type PackFileResult = { ok: true; pack: PackContent } | { ok: false; file: string; problems: string[] };

const clean = (text: string) => quotable(text, 200);

/**
 * "entries.3.why: Invalid length" -> 'entry "mob" (entries[3]), field why: Invalid length', reading the entry's id
 * from the file so a teacher finds it by the name they wrote.
 */
function describeProblem(problem: string, part: unknown, where: string): string {
  const match = /^entries\.(\d+)(?:\.([\w.]+))?: (.*)$/s.exec(problem);
  if (!match) return `${where}${problem}`;
  const [, index, field, message] = match;
  const entry = (part as { entries?: unknown[] } | null)?.entries?.[Number(index)];
  const id = typeof (entry as { id?: unknown } | null)?.id === 'string' ? `"${clean((entry as { id: string }).id)}" ` : '';
  return `${where}entry ${id}(entries[${index}])${field ? `, field ${field}` : ''}: ${message}`;
}

function duplicateIds(part: SourcePack, where: string): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  part.entries.forEach((entry, index) => {
    if (seen.has(entry.id)) problems.push(`${where}entry "${entry.id}" (entries[${index}]), field id: appears twice in this pack`);
    seen.add(entry.id);
  });
  return problems;
}

function report(fileName: string, problems: string[]): PackFileResult {
  const listed = problems.slice(0, PACK_FILE_LIMITS.problemsListed).map((p) => `${clean(fileName)}: ${p}`);
  if (problems.length > listed.length) listed.push(`… and ${problems.length - listed.length} more problems`);
  return { ok: false, file: clean(fileName), problems: listed };
}

/**
 * Parses a pack file's text. `known` is every pack it may switch entries off in (the built-in sources and the other
 * installed packs): a rule id that names no entry there is a problem, not something silently ignored.
 */
export function parsePackFile(text: string, fileName: string, known: readonly SourcePack[]): PackFileResult {
  if (text.length > PACK_FILE_LIMITS.text) return report(fileName, [`the file is larger than ${PACK_FILE_LIMITS.text / 1024 / 1024} MB`]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return report(fileName, [`not JSON: ${(error as Error).message}`]);
  }
  const isBundle = typeof json === 'object' && json !== null && (json as { kind?: unknown }).kind === 'bundle';
  const problems: string[] = [];
  let pack: PackContent | null = null;

  if (isBundle) {
    const bundle = v.safeParse(BundleSchema, json);
    if (!bundle.success) return report(fileName, bundle.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`));
    const { kind: _bundle, packs, disable, labels, ...header } = bundle.output;
    const parts: SourcePack[] = [];
    const kinds = new Map<unknown, number>();
    packs.forEach((raw, index) => {
      // One part per kind: two would share the part's id, and the later one's entries would replace the earlier's.
      const first = kinds.get(raw.kind);
      if (first !== undefined) {
        problems.push(`packs[${index}] (${clean(String(raw.kind))}): a second ${clean(String(raw.kind))} part; put its entries in packs[${first}]`);
        return;
      }
      kinds.set(raw.kind, index);
      // Parts inherit the bundle's header, so a teacher writes it once.
      const filled = { id: `${header.id}.${raw.kind}`, version: header.version, language: header.language, license: header.license, ...raw };
      const where = `packs[${index}] (${clean(String(raw.kind))}) `;
      try {
        const part = parseSourcePack(filled, where);
        problems.push(...duplicateIds(part, where));
        parts.push(part);
      } catch (error) {
        if (!(error instanceof PackError)) throw error;
        problems.push(...error.problems.map((problem) => describeProblem(problem, filled, where)));
      }
    });
    pack = { ...header, parts, disable: [...new Set(disable ?? [])], ...(labels?.length ? { labels: [...new Set(labels)] } : {}) };
  } else {
    try {
      const part = parseSourcePack(json, fileName);
      problems.push(...duplicateIds(part, ''));
      pack = { id: part.id, version: part.version, language: part.language, license: part.license, ...(part.description ? { description: part.description } : {}), parts: [part], disable: [] };
    } catch (error) {
      if (!(error instanceof PackError)) throw error;
      problems.push(...error.problems.map((problem) => describeProblem(problem, json, '')));
    }
  }
  if (pack) {
    const entries = pack.parts.reduce((sum, part) => sum + part.entries.length, 0);
    if (entries > PACK_FILE_LIMITS.entries) problems.push(`more than ${PACK_FILE_LIMITS.entries} entries (${entries})`);
    if (pack.id === 'builtin' || pack.id.startsWith('builtin.')) problems.push('id: "builtin" names the packs that ship with the extension; choose another id');
    pack.disable.forEach((ruleId, index) => {
      if (!entryFor(ruleId, known)) problems.push(`disable[${index}]: no built-in or installed entry has the rule id "${clean(ruleId)}"`);
    });
  }
  if (problems.length > 0 || !pack) return report(fileName, problems);
  return { ok: true, pack };
}

/** The latest entry with this rule id in these packs, in merge order. */
function entryFor(ruleId: string, packs: readonly SourcePack[]): { kind: SourcePack['kind']; entry: SourcePack['entries'][number] } | undefined {
  const colon = ruleId.indexOf(':');
  const kind = FAMILY_KIND[ruleId.slice(0, colon) as keyof typeof FAMILY_KIND];
  const id = ruleId.slice(colon + 1);
  let found: { kind: SourcePack['kind']; entry: SourcePack['entries'][number] } | undefined;
  for (const pack of packs) {
    if (pack.kind !== kind) continue;
    for (const entry of pack.entries) if (entry.id === id) found = { kind, entry };
  }
  return found;
}

/**
 * The parts to compile for a pack, after everything before it: its own parts, then one part per kind holding a
 * `"disabled": true` copy of each entry it switches off (the merge in compile.ts drops an id whose latest entry is
 * disabled). A rule id no longer found in `before` switches nothing off.
 */
export function partsToCompile(pack: PackContent, before: readonly SourcePack[]): SourcePack[] {
  const switchedOff = new Map<SourcePack['kind'], Array<SourcePack['entries'][number]>>();
  for (const ruleId of pack.disable) {
    const found = entryFor(ruleId, [...before, ...pack.parts]);
    if (!found) continue;
    const list = switchedOff.get(found.kind) ?? [];
    list.push({ ...found.entry, disabled: true });
    switchedOff.set(found.kind, list);
  }
  const disabling = [...switchedOff].map(([kind, entries]) => ({
    id: `${pack.id}.disable-${kind}`,
    version: pack.version,
    language: pack.language,
    license: pack.license,
    kind,
    entries,
  }) as SourcePack);
  return [...pack.parts, ...disabling];
}

export function countEntries(pack: PackContent): PackCounts {
  const count = (kind: SourcePack['kind']) => pack.parts.filter((p) => p.kind === kind).reduce((sum, p) => sum + p.entries.filter((e) => e.disabled !== true).length, 0);
  const disabledInline = pack.parts.reduce((sum, p) => sum + p.entries.filter((e) => e.disabled === true).length, 0);
  return { loaded: count('loaded-terms'), boilerplate: count('boilerplate'), attribution: count('attribution'), sources: count('sources'), disabled: disabledInline + pack.disable.length };
}
