// Which browsers get our own underlines: those that paint a ::highlight()'s colours but not its text-decoration.
import { describe, expect, it } from 'vitest';
import { paintsHighlightDecorations } from '../../src/content/underline-overlay';

describe('paintsHighlightDecorations', () => {
  it('is true for Chromium and Firefox 146 on, false for Firefox ESR 140 to 145', () => {
    expect(paintsHighlightDecorations('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36')).toBe(true);
    expect(paintsHighlightDecorations('Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0')).toBe(false);
    expect(paintsHighlightDecorations('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0')).toBe(false);
    expect(paintsHighlightDecorations('Mozilla/5.0 (X11; Linux x86_64; rv:146.0) Gecko/20100101 Firefox/146.0')).toBe(true);
    expect(paintsHighlightDecorations('Mozilla/5.0 (X11; Linux x86_64; rv:152.0) Gecko/20100101 Firefox/152.0')).toBe(true);
  });
});
