// The teacher's merge of students' submissions: one row per passage (same page, overlapping text) with who labelled
// it how and how many agree, and the merged set as a file. Pure: no DOM, no storage.
import type { Annotation } from './annotation';
import type { Submission } from './assignment';

export const MERGED_FORMAT = 'margin-merged';

/** One student's marks on one passage. */
export interface StudentMark {
  student: string;
  labels: string[];
  notes: string[];
  annotations: { id: string; quote: string; start: number; end: number; labels: string[]; note: string }[];
}

export interface LabelCount {
  label: string;
  /** The students who gave this label to the passage, by name. */
  students: string[];
}

export interface Passage {
  page: string;
  pageTitle: string;
  /** The union of the grouped annotations' positions in the article text. */
  start: number;
  end: number;
  /** The longest quote in the group: the passage as the students selected it. */
  quote: string;
  marks: StudentMark[];
  /** Most given first; ties by label. */
  labels: LabelCount[];
  /** Students who marked the passage, and how many of them gave its most common label. */
  marked: number;
  agreeing: number;
}

export interface ClassWork {
  assignment: { id: string; title: string } | null;
  /** The latest submission per student (a student imported twice counts once). */
  submissions: Submission[];
}

/**
 * `replaced`: the student's earlier file gave way to this one; `kept`: this file is older than the student's file
 * already merged (its last change is earlier), which stays.
 */
export type AddResult = { ok: true; work: ClassWork; outcome: 'added' | 'replaced' | 'kept' } | { ok: false; problem: string };

export const EMPTY_WORK: ClassWork = { assignment: null, submissions: [] };

const studentKey = (name: string) => name.trim().toLocaleLowerCase();

/**
 * Adds one submission: the first one fixes the assignment. The same student again keeps the newer of the two files
 * (by the last change to any of its notes), in whatever order the teacher picked them.
 */
export function addSubmission(work: ClassWork, submission: Submission): AddResult {
  if (work.assignment !== null && work.assignment.id !== submission.assignment.id) {
    return { ok: false, problem: `${submission.student}'s file answers “${submission.assignment.title}”, not “${work.assignment.title}”` };
  }
  const key = studentKey(submission.student);
  const earlier = work.submissions.find((s) => studentKey(s.student) === key);
  if (earlier && lastChange(submission) < lastChange(earlier)) return { ok: true, outcome: 'kept', work };
  return {
    ok: true,
    outcome: earlier ? 'replaced' : 'added',
    work: { assignment: work.assignment ?? submission.assignment, submissions: [...work.submissions.filter((s) => s !== earlier), submission] },
  };
}

/** Timestamps are canonical ISO strings: string order is time order. */
function lastChange(submission: Submission): string {
  return submission.annotations.reduce((latest, a) => (a.modified > latest ? a.modified : latest), '');
}

interface Mark {
  student: string;
  annotation: Annotation;
}

/** Groups every student's annotations into passages: same page, and overlapping positions or the very same quote. */
export function passages(work: ClassWork): Passage[] {
  const byPage = new Map<string, Mark[]>();
  for (const submission of work.submissions) {
    // One record per id, even if a file repeats it.
    const seen = new Set<string>();
    for (const annotation of submission.annotations) {
      if (seen.has(annotation.id)) continue;
      seen.add(annotation.id);
      const list = byPage.get(annotation.page) ?? [];
      list.push({ student: submission.student, annotation });
      byPage.set(annotation.page, list);
    }
  }
  const out: Passage[] = [];
  for (const [page, marks] of [...byPage.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const group of groupOverlapping(marks)) out.push(toPassage(page, group));
  }
  return out;
}

/** Union of overlapping ranges (touching ones stay apart), then of identical quotes whose offsets moved. */
function groupOverlapping(marks: Mark[]): Mark[][] {
  const parent = marks.map((_, i) => i);
  // Iterative, with path compression: a recursive find could overflow the stack on a long chain.
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    for (let at = i; at !== root; ) {
      const next = parent[at]!;
      parent[at] = root;
      at = next;
    }
    return root;
  };
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  const order = marks.map((_, i) => i).sort((a, b) => marks[a]!.annotation.position.start - marks[b]!.annotation.position.start);
  let open = -1;
  let openEnd = -1;
  for (const i of order) {
    const { start, end } = marks[i]!.annotation.position;
    if (open >= 0 && start < openEnd) {
      union(i, open);
      openEnd = Math.max(openEnd, end);
    } else {
      open = i;
      openEnd = end;
    }
  }
  const byQuote = new Map<string, number>();
  marks.forEach((mark, i) => {
    const quote = mark.annotation.quote.exact.replace(/\s+/g, ' ').trim();
    const first = byQuote.get(quote);
    if (first === undefined) byQuote.set(quote, i);
    else union(i, first);
  });
  const groups = new Map<number, Mark[]>();
  marks.forEach((mark, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(mark);
    else groups.set(root, [mark]);
  });
  return [...groups.values()].sort((a, b) => earliest(a) - earliest(b));
}

// Loops, not Math.min(...list): a spread of 100,000 arguments overflows the stack.
function earliest(group: Mark[]): number {
  let min = Infinity;
  for (const m of group) min = Math.min(min, m.annotation.position.start);
  return min;
}

function latest(group: Mark[]): number {
  let max = -Infinity;
  for (const m of group) max = Math.max(max, m.annotation.position.end);
  return max;
}

function toPassage(page: string, group: Mark[]): Passage {
  const marks = new Map<string, StudentMark>();
  for (const { student, annotation: a } of group) {
    const mark = marks.get(student) ?? { student, labels: [], notes: [], annotations: [] };
    for (const label of a.labels) if (!mark.labels.includes(label)) mark.labels.push(label);
    if (a.note) mark.notes.push(a.note);
    mark.annotations.push({ id: a.id, quote: a.quote.exact, start: a.position.start, end: a.position.end, labels: a.labels, note: a.note });
    marks.set(student, mark);
  }
  const labelled = new Map<string, string[]>();
  for (const mark of marks.values()) {
    for (const label of mark.labels) {
      const students = labelled.get(label);
      if (students) students.push(mark.student);
      else labelled.set(label, [mark.student]);
    }
  }
  const labels = [...labelled.entries()]
    .map(([label, students]) => ({ label, students: students.sort() }))
    .sort((a, b) => b.students.length - a.students.length || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const longest = group.reduce((best, m) => (m.annotation.quote.exact.length > best.annotation.quote.exact.length ? m : best));
  return {
    page,
    pageTitle: longest.annotation.pageTitle,
    start: earliest(group),
    end: latest(group),
    quote: longest.annotation.quote.exact,
    marks: [...marks.values()].sort((a, b) => (a.student < b.student ? -1 : 1)),
    labels,
    marked: marks.size,
    agreeing: labels[0]?.students.length ?? 0,
  };
}

/** The merged set as a file: the assignment, the students, and every passage with its marks and label counts. */
export function mergedFile(work: ClassWork, now: Date): { filename: string; mimeType: string; text: string } {
  const merged = {
    format: MERGED_FORMAT,
    version: 1,
    created: now.toISOString(),
    assignment: work.assignment,
    students: work.submissions.map((s) => s.student).sort(),
    passages: passages(work).map((p) => ({
      page: p.page,
      pageTitle: p.pageTitle,
      start: p.start,
      end: p.end,
      quote: p.quote,
      marked: p.marked,
      agreeing: p.agreeing,
      labels: p.labels.map((l) => ({ label: l.label, count: l.students.length, students: l.students })),
      marks: p.marks,
    })),
  };
  const name = (work.assignment?.title ?? 'class').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'class';
  return { filename: `${name}-merged.json`, mimeType: 'application/json', text: `${JSON.stringify(merged, null, 2)}\n` };
}
