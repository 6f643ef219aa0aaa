import { describe, expect, it } from 'vitest';
import { alternativeLine } from '../../src/ui/names';

describe('alternativeLine', () => {
  it('offers a neutral word for a loaded term and a question otherwise, without repeating a prefix the data has', () => {
    expect(alternativeLine({ kind: 'loaded', alternative: 'crowds' })).toBe('Instead: crowds');
    expect(alternativeLine({ kind: 'loaded', alternative: 'Who says they are violent?' })).toBe('Ask: Who says they are violent?');
    expect(alternativeLine({ kind: 'attribution', alternative: 'Ask: is this source in a position to know?' })).toBe('Ask: is this source in a position to know?');
    expect(alternativeLine({ kind: 'attribution', alternative: 'is the source named?' })).toBe('Ask: is the source named?');
    expect(alternativeLine({ kind: 'boilerplate', alternative: '  ' })).toBeNull();
  });
});
