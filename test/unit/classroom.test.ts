// Assignment files, student submissions and the teacher's merge: validation, grouping by passage, agreement counts.
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../src/core/annotation';
import {
  assignmentFile,
  belongsToAssignment,
  createAssignment,
  parseAssignment,
  parseSubmission,
  submissionFile,
  validateStudentName,
  type Submission,
} from '../../src/core/assignment';
import type { Assignment } from '../../src/core/assignment-schema';
import { parseAnnotationFile } from '../../src/core/import';
import { addSubmission, EMPTY_WORK, mergedFile, passages, type ClassWork } from '../../src/core/merge';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const ASSIGNMENT_ID = '0b6f2a3e-58a4-4c1e-9a55-3f1f4a8e1c01';
const PAGE = 'http://news.example/city/tram.html';

function assignment(): Assignment {
  const made = createAssignment(
    {
      title: 'Who says so?',
      instructions: 'Mark every attribution and say what kind of source it is.',
      labels: ['attribution', ' anonymous source ', 'attribution'],
      articles: [{ url: `${PAGE}#comments`, title: 'Tram line' }, { url: 'https://other.example/a' }],
    },
    ASSIGNMENT_ID,
    NOW,
  );
  if (!made.ok) throw new Error(made.problems.join('\n'));
  return made.value;
}

let counter = 0;
function note(start: number, end: number, labels: string[], extra: Partial<Annotation> = {}): Annotation {
  counter++;
  const text = 'x'.repeat(end - start);
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    page: PAGE,
    site: 'news.example',
    pageTitle: 'Tram line',
    motivation: labels.length ? 'tagging' : 'highlighting',
    quote: { exact: `${start}:${text}`, prefix: '', suffix: '' },
    position: { start, end },
    note: '',
    labels,
    created: NOW.toISOString(),
    modified: NOW.toISOString(),
    ...extra,
  };
}

const submission = (student: string, annotations: Annotation[], id = ASSIGNMENT_ID): Submission => ({ assignment: { id, title: 'Who says so?' }, student, annotations });

function workOf(...subs: Submission[]): ClassWork {
  let work = EMPTY_WORK;
  for (const sub of subs) {
    const added = addSubmission(work, sub);
    if (!added.ok) throw new Error(added.problem);
    work = added.work;
  }
  return work;
}

describe('assignment files', () => {
  it('round-trips: what the teacher exports, the student imports unchanged (labels trimmed and unique, URLs canonical)', () => {
    const made = assignment();
    expect(made.labels).toEqual(['attribution', 'anonymous source']);
    expect(made.articles[0]!.url).toBe(PAGE);
    const parsed = parseAssignment(assignmentFile(made).text);
    expect(parsed).toEqual({ ok: true, value: made });
    expect(assignmentFile(made).filename).toBe('assignment-who-says-so.json');
  });

  it('explains every problem with its field and refuses the file', () => {
    const bad = parseAssignment(JSON.stringify({ ...assignment(), title: ' ', labels: [], articles: [{ url: 'javascript:alert(1)' }], extra: 1 }));
    expect(bad.ok).toBe(false);
    const problems = bad.ok ? [] : bad.problems.join('\n');
    expect(problems).toMatch(/title: the assignment needs a title/);
    expect(problems).toMatch(/labels: name at least one label/);
    expect(problems).toMatch(/articles\.0\.url: must be an http\(s\) address/);
    expect(problems).toMatch(/extra/);
    expect(parseAssignment('{ not json')).toMatchObject({ ok: false, problems: [expect.stringMatching(/not JSON/)] });
    expect(parseAssignment(JSON.stringify({ ...assignment(), articles: [{ url: PAGE }, { url: `${PAGE}#x` }] }))).toMatchObject({ ok: false, problems: [expect.stringMatching(/listed twice/)] });
  });

  it('knows which annotations belong to it (by canonical page address)', () => {
    expect(belongsToAssignment({ page: `${PAGE}#p2` }, assignment())).toBe(true);
    expect(belongsToAssignment({ page: 'http://news.example/other.html' }, assignment())).toBe(false);
  });
});

describe('submissions', () => {
  it('carry the assignment and the student, only the notes on its articles (verdicts only with the student’s words), and stay importable as ordinary notes', () => {
    const mine = note(10, 20, ['attribution'], { note: 'Mayor, named' });
    const elsewhere = note(0, 5, ['attribution'], { page: 'http://news.example/other.html' });
    const verdict = note(30, 40, [], { motivation: 'classifying', flag: { ruleId: 'loaded:mob', packVersion: '1.0.0', verdict: 'dismissed', scope: 'page' } });
    // A verdict the student wrote about is part of the work: the flag confirmed, labelled and explained.
    const argued = note(50, 60, ['loaded language'], { motivation: 'classifying', note: 'This word frames the protesters', flag: { ruleId: 'loaded:mobs', packVersion: '1.0.0', verdict: 'confirmed', scope: 'page' } });
    const file = submissionFile(assignment(), 'Ada Lovelace', [mine, elsewhere, verdict, argued], 'Margin');
    expect(file.filename).toBe('who-says-so-ada-lovelace.json');
    const parsed = parseSubmission(file.text);
    expect(parsed).toEqual({ ok: true, value: { assignment: { id: ASSIGNMENT_ID, title: 'Who says so?' }, student: 'Ada Lovelace', annotations: [mine, argued] } });
    const asNotes = parseAnnotationFile(file.text);
    expect(asNotes.ok && asNotes.annotations).toEqual([mine, argued]);
  });

  it('refuse a plain export (no student) and a submission with a bad record', () => {
    const withoutStudent = JSON.parse(submissionFile(assignment(), 'Ada', [note(1, 2, ['x'])], 'Margin').text) as Record<string, unknown>;
    delete withoutStudent['margin:student'];
    // Without its head, the file is told so plainly, without the schema's words for the missing key.
    expect(parseSubmission(JSON.stringify(withoutStudent))).toEqual({ ok: false, problems: ['this is not a student submission (no assignment or student name)'] });
    // A head gone wrong names its field.
    const badName = { ...JSON.parse(submissionFile(assignment(), 'Ada', [note(1, 2, ['x'])], 'Margin').text), 'margin:student': '  ' };
    expect(parseSubmission(JSON.stringify(badName))).toMatchObject({ ok: false, problems: [expect.stringContaining('type your name')] });
    const broken = JSON.parse(submissionFile(assignment(), 'Ada', [note(1, 2, ['x'])], 'Margin').text);
    broken.first.items[0].target.selector[1].start = -1;
    expect(parseSubmission(JSON.stringify(broken)).ok).toBe(false);
  });

  it('need a student name', () => {
    expect(validateStudentName('  Grace   Hopper ')).toEqual({ ok: true, value: 'Grace Hopper' });
    expect(validateStudentName('   ').ok).toBe(false);
  });
});

describe('merge', () => {
  it('groups overlapping passages of one page and counts agreement per label', () => {
    const work = workOf(
      submission('Ada', [note(10, 30, ['attribution']), note(100, 120, ['loaded language'])]),
      submission('Bob', [note(20, 40, ['attribution'])]),
      submission('Cy', [note(25, 35, ['anonymous source'])]),
    );
    const [first, second] = passages(work);
    expect(passages(work)).toHaveLength(2);
    expect(first).toMatchObject({ start: 10, end: 40, marked: 3, agreeing: 2 });
    expect(first!.labels).toEqual([
      { label: 'attribution', students: ['Ada', 'Bob'] },
      { label: 'anonymous source', students: ['Cy'] },
    ]);
    expect(first!.marks.map((m) => [m.student, m.labels])).toEqual([['Ada', ['attribution']], ['Bob', ['attribution']], ['Cy', ['anonymous source']]]);
    expect(second).toMatchObject({ start: 100, end: 120, marked: 1, agreeing: 1 });
  });

  it('keeps touching passages apart and different pages apart, and joins the same quote whose offsets moved', () => {
    const quote = { exact: 'said the mayor', prefix: '', suffix: '' };
    const work = workOf(
      submission('Ada', [note(0, 10, ['a']), note(10, 20, ['b']), note(50, 64, ['attribution'], { quote })]),
      submission('Bob', [note(0, 10, ['a'], { page: 'http://news.example/other.html' }), note(58, 72, ['attribution'], { quote })]),
    );
    const all = passages(work);
    expect(all.map((p) => [p.page.endsWith('other.html'), p.start, p.end, p.marked])).toEqual([
      [false, 0, 10, 1],
      [false, 10, 20, 1],
      [false, 50, 72, 2],
      [true, 0, 10, 1],
    ]);
  });

  it('keeps the newer of a student’s two files, whichever the teacher picked first', () => {
    const older = submission('Ada', [note(0, 10, ['attribution'], { modified: '2026-01-02T03:01:00.000Z' })]);
    const newer = submission('Ada', [note(0, 10, ['attribution'], { modified: '2026-01-02T03:01:00.000Z' }), note(20, 30, ['question'], { modified: '2026-01-02T03:05:00.000Z' })]);
    for (const [first, second, outcome] of [[older, newer, 'replaced'], [newer, older, 'kept']] as const) {
      const result = addSubmission(workOf(first), second);
      expect(result.ok && result.outcome).toBe(outcome);
      expect(result.ok && result.work.submissions).toEqual([newer]);
    }
    expect(addSubmission(EMPTY_WORK, older)).toMatchObject({ ok: true, outcome: 'added' });
  });

  it('groups a file of the most notes a student may hand in, and refuses one of more', () => {
    // Every note on the same passage: the one group that grows with each note.
    const notes = Array.from({ length: 5_000 }, () => note(10, 30, ['attribution']));
    const [passage] = passages(workOf(submission('Ada', notes)));
    expect(passage).toMatchObject({ start: 10, end: 30, marked: 1 });
    expect(passage!.marks[0]!.annotations).toHaveLength(5_000);
    const tooMany = submissionFile(assignment(), 'Ada', [...notes, note(40, 50, [])], 'Margin');
    expect(parseSubmission(tooMany.text)).toMatchObject({ ok: false, problems: ["a student's file holds at most 5000 notes; this one holds 5001"] });
  });

  it('counts a student once per passage, even with two overlapping notes or the same file imported twice', () => {
    const adaFile = submission('Ada', [note(0, 10, ['attribution']), note(5, 15, ['attribution', 'anonymous source'])]);
    const twice = addSubmission(workOf(adaFile), { ...adaFile, student: ' ada ' });
    expect(twice.ok && twice.outcome).toBe('replaced');
    const work = twice.ok ? twice.work : EMPTY_WORK;
    expect(work.submissions).toHaveLength(1);
    const [passage] = passages(work);
    expect(passage).toMatchObject({ marked: 1, agreeing: 1 });
    expect(passage!.labels.map((l) => [l.label, l.students.length])).toEqual([
      ['anonymous source', 1],
      ['attribution', 1],
    ]);
  });

  it('shows conflicting labels side by side: no label has a majority', () => {
    const work = workOf(submission('Ada', [note(0, 10, ['attribution'])]), submission('Bob', [note(2, 8, ['loaded language'])]));
    const [passage] = passages(work);
    expect(passage).toMatchObject({ marked: 2, agreeing: 1 });
    expect(passage!.labels.map((l) => [l.label, l.students])).toEqual([
      ['attribution', ['Ada']],
      ['loaded language', ['Bob']],
    ]);
  });

  it('refuses a submission for another assignment', () => {
    const result = addSubmission(workOf(submission('Ada', [])), submission('Bob', [], '11111111-2222-4333-8444-555555555555'));
    expect(result).toMatchObject({ ok: false, problem: expect.stringMatching(/Bob/) });
  });

  it('exports the merged set with every student and label', () => {
    const work = workOf(submission('Bob', [note(0, 10, ['attribution'])]), submission('Ada', [note(0, 10, ['attribution'], { note: 'named source' })]));
    const file = mergedFile(work, NOW);
    const merged = JSON.parse(file.text);
    expect(file.filename).toBe('who-says-so-merged.json');
    expect(merged).toMatchObject({ format: 'margin-merged', assignment: { id: ASSIGNMENT_ID }, students: ['Ada', 'Bob'] });
    expect(merged.passages[0].labels).toEqual([{ label: 'attribution', count: 2, students: ['Ada', 'Bob'] }]);
    expect(merged.passages[0].marks.map((m: { student: string; notes: string[] }) => [m.student, m.notes])).toEqual([['Ada', ['named source']], ['Bob', []]]);
  });
});
