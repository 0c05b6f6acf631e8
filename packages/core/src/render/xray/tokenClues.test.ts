import { describe, expect, it } from 'vitest';
import { MIXED, makeAnalysis } from '../__testutil__/makeAnalysis.js';
import { markerGlyphs, tokenClasses } from './tokenClues.js';

describe('tokenClasses', () => {
  it('gives a token its band, one class per clue (an underline), flagged and special', () => {
    const t = makeAnalysis(MIXED).tokens;
    expect(t.map((x) => tokenClasses(x).join(' '))).toEqual([
      't b-green',
      't b-lime',
      't b-yellow',
      't b-orange c-amb f',
      't b-green',
      't b-red c-top f',
      't b-red c-low c-top f',
      't b-red c-low c-top f',
    ]);
    expect(
      tokenClasses({ band: 'red', clues: ['low-confidence', 'ambiguous', 'not-top'], flagged: true }, 'xr-'),
    ).toEqual(['xr-t', 'xr-b-red', 'xr-c-low', 'xr-c-amb', 'xr-c-top', 'xr-f']);
    expect(tokenClasses({ band: 'green', clues: [], flagged: false, special: true })).toEqual([
      't',
      'b-green',
      'special',
    ]);
  });

  it('puts one glyph per clue after a flagged token', () => {
    expect(markerGlyphs(['low-confidence', 'ambiguous', 'not-top'])).toBe('↓≈↯');
    expect(markerGlyphs([])).toBe('');
  });
});
