import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../src/core/annotation';
import { offeredLabels } from '../../src/core/labels';

describe('the labels the note editor offers', () => {
  it('puts the assignment first, then the packs that are on, the defaults and what the reader typed, each once', () => {
    expect(offeredLabels(['attribution', 'whose voice?'], ['euphemism', 'whose voice?'], DEFAULT_LABELS, ['mine', 'euphemism'])).toEqual([
      'attribution',
      'whose voice?',
      'euphemism',
      ...DEFAULT_LABELS.filter((label) => label !== 'attribution'),
      'mine',
    ]);
    expect(offeredLabels([], [], DEFAULT_LABELS, [])).toEqual([...DEFAULT_LABELS]);
  });
});
