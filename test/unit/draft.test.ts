// A draft completed into the reader's note: the record the background stores, and the file the editor saves instead
// when the browser has no room.
import { describe, expect, it } from 'vitest';
import { noteFromDraft, type Draft } from '../../src/core/draft';
import { exportAnnotations } from '../../src/core/export';
import { parseAnnotationFile } from '../../src/core/import';

const draft: Draft = {
  id: '0b6c2f4e-58a1-4c39-9d55-3f0f4d1e2a77',
  page: 'https://news.example.org/2022/01/csto',
  site: 'example.org',
  tabId: 7,
  created: '2026-12-03T10:00:00.000Z',
  pageTitle: 'CSTO leaders to meet',
  quote: { exact: 'Kremlin spokesman Dmitry Peskov', prefix: 'according to ', suffix: ' said' },
  position: { start: 120, end: 151 },
  fingerprint: 'f00d',
};
const now = new Date('2026-12-03T12:00:00.000Z');

describe('noteFromDraft', () => {
  it('makes a note, a tag or a plain highlight from what the reader gave, labels once each', () => {
    expect(noteFromDraft(draft, 'Whose words?', ['question', 'question'], now)).toMatchObject({
      id: draft.id, page: draft.page, site: 'example.org', motivation: 'commenting', note: 'Whose words?', labels: ['question'],
      quote: draft.quote, position: draft.position, fingerprint: 'f00d', created: now.toISOString(), modified: now.toISOString(),
    });
    expect(noteFromDraft(draft, '', ['question'], now).motivation).toBe('tagging');
    expect(noteFromDraft(draft, '', [], now).motivation).toBe('highlighting');
  });

  it('keeps the creation time of the note a retried save made, and moves modified on even if the clock went back', () => {
    const first = noteFromDraft(draft, 'first', [], now);
    const again = noteFromDraft(draft, 'second', [], new Date('2026-12-03T11:00:00.000Z'), first);
    expect(again.created).toBe(first.created);
    expect(again.modified > first.modified).toBe(true);
  });

  it('saved as a file, is read back by the import as the same record', () => {
    const note = noteFromDraft(draft, 'Kept as a file while the disk was full', ['attribution'], now);
    const file = exportAnnotations([note], 'jsonld', 'Margin', now);
    expect(file.filename).toBe('margin-annotations-2026-12-03.json');
    const read = parseAnnotationFile(file.text);
    expect(read).toMatchObject({ ok: true, total: 1 });
    expect(read.ok && read.annotations).toEqual([note]);
  });
});
