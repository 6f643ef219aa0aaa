// The keys of a tab list (WAI-ARIA's tabs pattern): arrows wrap around, Home and End go to the ends, other keys pass.
import { describe, expect, it } from 'vitest';
import { tabFromKey } from '../../src/ui/tabs';

describe('tabFromKey', () => {
  const tabs = ['assignment', 'create', 'merge'] as const;
  it('moves with the arrow keys, wrapping around, and jumps with Home and End', () => {
    expect(tabFromKey('ArrowRight', tabs, 'assignment')).toBe('create');
    expect(tabFromKey('ArrowDown', tabs, 'merge')).toBe('assignment');
    expect(tabFromKey('ArrowLeft', tabs, 'assignment')).toBe('merge');
    expect(tabFromKey('ArrowUp', tabs, 'create')).toBe('assignment');
    expect(tabFromKey('Home', tabs, 'merge')).toBe('assignment');
    expect(tabFromKey('End', tabs, 'assignment')).toBe('merge');
  });
  it('leaves every other key to the page', () => {
    for (const key of ['Tab', 'Enter', ' ', 'a', 'Escape']) expect(tabFromKey(key, tabs, 'create')).toBeNull();
  });
});
