// The classroom page: "Assignment" (a student imports the teacher's file, reads the articles, hands in their work),
// "New assignment" (a teacher writes one and exports it) and "Merge" (a teacher imports the students' files and sees,
// per passage, who labelled it how). Nothing leaves the computer except as files the user saves.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { askBackground } from '../background-client';
import { assignmentFile, createAssignment, parseAssignment, parseSubmission } from '../core/assignment';
import type { Assignment } from '../core/assignment-schema';
import { addSubmission, EMPTY_WORK, mergedFile, passages, type ClassWork } from '../core/merge';
import { PRODUCT_NAME } from '../product';
import { downloadText } from '../ui/download';
import { t, tn } from '../ui/i18n';
import { StatusLine, type Status } from '../ui/StatusLine';
import { tabListKeys } from '../ui/tabs';

type View = 'assignment' | 'create' | 'merge';
const VIEWS: View[] = ['assignment', 'create', 'merge'];
const VIEW_NAMES: Record<View, string> = { assignment: 'classroom_tab_assignment', create: 'classroom_tab_create', merge: 'classroom_tab_merge' };

export function Classroom() {
  const initial = new URLSearchParams(location.search).get('view') as View | null;
  const [view, setView] = useState<View>(initial && VIEWS.includes(initial) ? initial : 'assignment');
  return (
    <>
      <h1>{t('classroom_heading', PRODUCT_NAME)}</h1>
      <nav class="tabs" role="tablist" aria-label={t('classroom_views')} onKeyDown={tabListKeys(VIEWS, view, setView, (name) => `tab-${name}`)}>
        {VIEWS.map((name) => (
          <button key={name} type="button" role="tab" id={`tab-${name}`} aria-selected={view === name} tabIndex={view === name ? 0 : -1} aria-controls={`view-${name}`} onClick={() => setView(name)}>
            {t(VIEW_NAMES[name])}
          </button>
        ))}
      </nav>
      {/* All three stay mounted, the others hidden: a half-written assignment or a merge of thirty files survives a
          look at another tab. */}
      <div id="view-assignment" role="tabpanel" aria-labelledby="tab-assignment" hidden={view !== 'assignment'}><StudentView /></div>
      <div id="view-create" role="tabpanel" aria-labelledby="tab-create" hidden={view !== 'create'}><CreateView /></div>
      <div id="view-merge" role="tabpanel" aria-labelledby="tab-merge" hidden={view !== 'merge'}><MergeView /></div>
    </>
  );
}

function FilePicker({ label, multiple, onFiles }: { label: string; multiple?: boolean; onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>{label}</button>
      {/* The button is the way in, by mouse or keyboard; the input itself stays out of the tab order. */}
      <input ref={input} type="file" multiple={multiple} accept=".json,application/json,application/ld+json" class="visually-hidden" aria-label={label} tabIndex={-1}
        onChange={(e) => { const files = [...(e.currentTarget.files ?? [])]; e.currentTarget.value = ''; if (files.length) onFiles(files); }} />
    </>
  );
}

function StudentView() {
  const [assignment, setAssignment] = useState<Assignment | null | undefined>(undefined);
  const [student, setStudent] = useState('');
  const [status, setStatus] = useState<Status | null>(null);

  useEffect(() => {
    askBackground('assignment/current', {}).then(setAssignment).catch((error) => setStatus({ message: (error as Error).message, error: true }));
  }, []);

  /** Stores an assignment, or none; says what went wrong when it cannot, and whether it did. */
  const store = async (next: Assignment | null, failure: string): Promise<boolean> => {
    try {
      await askBackground('assignment/set', { assignment: next });
    } catch (error) {
      setStatus({ message: failure, problems: [(error as Error).message], error: true });
      return false;
    }
    setAssignment(next);
    return true;
  };

  const importAssignment = async ([file]: File[]) => {
    if (!file) return;
    const parsed = parseAssignment(await file.text());
    if (!parsed.ok) return setStatus({ message: t('classroom_assignment_refused', file.name), problems: parsed.problems, error: true });
    if (await store(parsed.value, t('classroom_assignment_not_stored', file.name))) setStatus({ message: t('classroom_assignment_imported', parsed.value.title) });
  };

  const handIn = async (event: Event) => {
    event.preventDefault();
    try {
      const file = await askBackground('assignment/submission', { student });
      downloadText(file.text, file.filename, file.mimeType);
      setStatus({ message: tn('classroom_handed_in', file.count, file.filename, file.count) });
    } catch (error) {
      setStatus({ message: t('classroom_hand_in_failed'), problems: [(error as Error).message], error: true });
    }
  };

  // One press removes it, as one press deletes a note: an Undo puts it back, so a slip costs nothing.
  const remove = async (removed: Assignment) => {
    if (!(await store(null, t('classroom_assignment_not_removed')))) return;
    setStatus({ message: t('classroom_assignment_removed', removed.title), undo: () => void restore(removed) });
  };
  const restore = async (removed: Assignment) => {
    if (await store(removed, t('classroom_assignment_not_restored', removed.title))) setStatus({ message: t('classroom_assignment_restored', removed.title) });
  };

  // A failed read says so, where "Loading…" would otherwise stay.
  if (assignment === undefined) return status ? <StatusLine status={status} onDone={() => setStatus(null)} /> : <p class="muted">{t('loading')}</p>;
  return (
    <section aria-label={t('classroom_tab_assignment')}>
      {assignment === null ? (
        <p>{t('classroom_no_assignment')}</p>
      ) : (
        <article data-assignment={assignment.id}>
          <h2>{assignment.title}</h2>
          {assignment.instructions && <p class="instructions">{assignment.instructions}</p>}
          <h3>{t('classroom_articles')}</h3>
          <ol>
            {assignment.articles.map((article) => (
              <li key={article.url}><a href={article.url} target="_blank" rel="noreferrer">{article.title || article.url}</a></li>
            ))}
          </ol>
          <h3>{t('classroom_labels')}</h3>
          <p>{assignment.labels.map((label) => <span class="tag" key={label}>{label}</span>)}</p>
          <p class="hint">{t('classroom_labels_hint')}</p>
          <form onSubmit={handIn}>
            <label class="field">
              <span>{t('classroom_student_name')}</span>
              <input name="student" required maxLength={100} value={student} onInput={(e) => setStudent(e.currentTarget.value)} autocomplete="name" />
            </label>
            <div class="row-actions">
              <button type="submit" class="primary">{t('classroom_hand_in')}</button>
              <button type="button" data-action="remove-assignment" onClick={() => void remove(assignment)}>{t('classroom_remove_assignment')}</button>
            </div>
          </form>
        </article>
      )}
      <div class="row-actions">
        <FilePicker label={assignment === null ? t('classroom_import_assignment') : t('classroom_import_other_assignment')} onFiles={(files) => void importAssignment(files)} />
      </div>
      <StatusLine status={status} onDone={() => setStatus(null)} />
    </section>
  );
}

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

function CreateView() {
  const [title, setTitle] = useState('');
  const [instructions, setInstructions] = useState('');
  const [labels, setLabels] = useState('');
  const [articles, setArticles] = useState('');
  const [status, setStatus] = useState<Status | null>(null);

  const exportAssignment = (event: Event) => {
    event.preventDefault();
    // What a teacher most often leaves out, said in their language; the schema names anything else by its field.
    const [labelList, articleList] = [lines(labels), lines(articles)];
    const missing = [!title.trim() && t('classroom_needs_title'), labelList.length === 0 && t('classroom_needs_labels'), articleList.length === 0 && t('classroom_needs_articles')].filter((p): p is string => !!p);
    if (missing.length) return setStatus({ message: t('classroom_create_problems'), problems: missing, error: true });
    const made = createAssignment({ title, instructions, labels: labelList, articles: articleList.map((url) => ({ url })) }, crypto.randomUUID(), new Date());
    if (!made.ok) return setStatus({ message: t('classroom_create_problems'), problems: made.problems, error: true });
    const file = assignmentFile(made.value);
    downloadText(file.text, file.filename, file.mimeType);
    setStatus({ message: t('classroom_created', file.filename) });
  };

  return (
    <form aria-label={t('classroom_tab_create')} onSubmit={exportAssignment}>
      <label class="field"><span>{t('classroom_field_title')}</span><input name="title" value={title} maxLength={200} onInput={(e) => setTitle(e.currentTarget.value)} /></label>
      <label class="field"><span>{t('classroom_field_instructions')}</span><textarea name="instructions" value={instructions} onInput={(e) => setInstructions(e.currentTarget.value)} /></label>
      <label class="field">
        <span>{t('classroom_field_labels')}</span>
        <textarea name="labels" value={labels} onInput={(e) => setLabels(e.currentTarget.value)} aria-describedby="labels-hint" />
        <span id="labels-hint" class="hint">{t('classroom_one_per_line')}</span>
      </label>
      <label class="field">
        <span>{t('classroom_field_articles')}</span>
        <textarea name="articles" value={articles} onInput={(e) => setArticles(e.currentTarget.value)} aria-describedby="articles-hint" />
        <span id="articles-hint" class="hint">{t('classroom_articles_hint')}</span>
      </label>
      <div class="row-actions"><button type="submit" class="primary">{t('classroom_export_assignment')}</button></div>
      <StatusLine status={status} onDone={() => setStatus(null)} />
    </form>
  );
}

const WORK_MESSAGES = { added: 'classroom_work_added', replaced: 'classroom_work_replaced', kept: 'classroom_work_kept' } as const;

function MergeView() {
  const [work, setWork] = useState<ClassWork>(EMPTY_WORK);
  const [status, setStatus] = useState<Status | null>(null);

  const importWork = async (files: File[]) => {
    let next = work;
    const notes: string[] = [];
    const problems: string[] = [];
    for (const file of files) {
      const parsed = parseSubmission(await file.text());
      if (!parsed.ok) {
        problems.push(`${file.name}: ${parsed.problems.join('; ')}`);
        continue;
      }
      const added = addSubmission(next, parsed.value);
      if (!added.ok) {
        problems.push(`${file.name}: ${added.problem}`);
        continue;
      }
      next = added.work;
      notes.push(tn(WORK_MESSAGES[added.outcome], parsed.value.annotations.length, parsed.value.student, parsed.value.annotations.length));
    }
    setWork(next);
    // Every file refused: the line still says so in words, not only in the list of problems below it.
    const message = notes.length ? notes.join(' ') : tn('classroom_work_refused', problems.length, problems.length);
    // Red and urgent only when nothing was added; else the problems list says what was refused.
    setStatus({ message, ...(problems.length ? { problems, ...(notes.length ? {} : { error: true }) } : {}) });
  };

  // Grouping thousands of notes is not for every render (a status line, a tab switch).
  const all = useMemo(() => passages(work), [work]);
  const exportMerged = () => {
    const file = mergedFile(work, new Date());
    downloadText(file.text, file.filename, file.mimeType);
    setStatus({ message: t('classroom_merged_exported', file.filename) });
  };

  return (
    <section aria-label={t('classroom_tab_merge')}>
      <p class="hint">{t('classroom_merge_hint')}</p>
      <div class="row-actions">
        <FilePicker label={t('classroom_import_work')} multiple onFiles={(files) => void importWork(files)} />
        {work.submissions.length > 0 && <button type="button" class="primary" onClick={exportMerged}>{t('classroom_export_merged')}</button>}
      </div>
      <StatusLine status={status} onDone={() => setStatus(null)} />
      {work.assignment && (
        <>
          <h2>{work.assignment.title}</h2>
          <p data-students={work.submissions.length}>{tn('classroom_students', work.submissions.length, work.submissions.length, work.submissions.map((s) => s.student).sort().join(', '))}</p>
          <table aria-label={t('classroom_passages')}>
            <thead>
              <tr><th scope="col">{t('classroom_col_passage')}</th><th scope="col">{t('classroom_col_who')}</th><th scope="col">{t('classroom_col_agreement')}</th></tr>
            </thead>
            <tbody>
              {all.map((p) => (
                <tr key={`${p.page}:${p.start}`} data-passage={`${p.start}-${p.end}`} data-marked={p.marked} data-agreeing={p.agreeing}>
                  <td><q>{p.quote}</q><span class="hint">{p.pageTitle || p.page}</span></td>
                  <td>
                    <ul>
                      {p.marks.map((m) => (
                        <li key={m.student} data-student={m.student}>
                          <strong>{m.student}</strong>: {m.labels.length ? m.labels.join(', ') : t('classroom_no_label')}
                          {m.notes.length > 0 && <span class="hint"> — {m.notes.join(' / ')}</span>}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td class="agreement">
                    <strong>{t('classroom_agreement', String(p.agreeing), String(p.marked))}</strong>
                    <ul>{p.labels.map((l) => <li key={l.label} data-label={l.label} data-count={l.students.length}>{t('classroom_label_count', l.label, String(l.students.length))}</li>)}</ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
