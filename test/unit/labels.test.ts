import { describe, expect, it } from 'vitest';
import { offeredLabels } from '../../src/core/labels';

const DEFAULTS = ['loaded language', 'unsourced claim', 'attribution', 'promotional', 'question'];

describe('the labels the note editor offers', () => {
  it('puts the assignment first, then the packs that are on, the defaults and what the reader typed, each once', () => {
    expect(offeredLabels(['attribution', 'whose voice?'], ['euphemism', 'whose voice?'], DEFAULTS, ['mine', 'euphemism'])).toEqual([
      'attribution',
      'whose voice?',
      'euphemism',
      ...DEFAULTS.filter((label) => label !== 'attribution'),
      'mine',
    ]);
    expect(offeredLabels([], [], DEFAULTS, [])).toEqual(DEFAULTS);
  });
});
