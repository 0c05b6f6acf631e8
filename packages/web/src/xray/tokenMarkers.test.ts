import type { TokenAnalysis } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { displayParts, spanParts, tokenLabel, tokenSpanClasses } from './tokenMarkers.js';

const token = (over: Partial<TokenAnalysis>): TokenAnalysis => ({
  index: 0,
  text: 'x',
  bytes: null,
  offset: 0,
  logprob: Math.log(0.5),
  prob: 0.5,
  surprisal: 1,
  rank: 1,
  inTopK: true,
  margin: 0.1,
  topMass: 0.9,
  entropy: 1,
  entropyUpper: null,
  entropyExact: false,
  band: 'orange',
  clues: [],
  flagged: false,
  top: [],
  ...over,
});

describe('token markers', () => {
  it("gives a token core's classes with the xr- prefix, and its place in a span", () => {
    const t = token({ band: 'red', clues: ['low-confidence', 'ambiguous', 'not-top'], flagged: true });
    expect(tokenSpanClasses(t, 'none').split(' ')).toEqual([
      'xr-t',
      'xr-b-red',
      'xr-c-low',
      'xr-c-amb',
      'xr-c-top',
      'xr-f',
    ]);
    expect(tokenSpanClasses(token({ band: 'green', special: true }), 'start')).toBe(
      'xr-t xr-b-green xr-special xr-span xr-span-start',
    );
  });

  it('names the token for screen readers with its probability, band and clues', () => {
    const label = tokenLabel(
      token({ index: 4, text: ' Lily\n', prob: 0.926, band: 'green', clues: ['ambiguous'] }),
    );
    expect(label).toBe('" Lily\\n", 92.6 %, green band, ambiguous, token 5');
    expect(tokenLabel(token({ text: '', prob: null, logprob: null, band: 'red' }))).toContain(
      'part of a character',
    );
    expect(tokenLabel(token({ prob: null, band: 'red' }))).toContain('below the top-k');
  });

  it('marks where each token sits in a span', () => {
    expect(
      spanParts(7, [
        { start: 1, end: 4 },
        { start: 5, end: 6 },
      ]),
    ).toEqual(['none', 'start', 'middle', 'end', 'none', 'single', 'none']);
    expect(spanParts(3, [{ start: 1, end: 9 }])).toEqual(['none', 'start', 'end']);
  });
});

describe('displayParts', () => {
  it('keeps newlines and tabs, marks each newline, and escapes control characters', () => {
    expect(displayParts('a\nb')).toEqual([
      { text: 'a\n', newlineGlyph: true },
      { text: 'b', newlineGlyph: false },
    ]);
    expect(displayParts('\t\u001b[31m\u202e')).toEqual([{ text: '\t\\e[31m\\u202e', newlineGlyph: false }]);
    expect(displayParts('\r\n')).toEqual([
      { text: '\\r\n', newlineGlyph: true },
      { text: '', newlineGlyph: false },
    ]);
  });
  it('shows spaces as dots on request, and keeps markup as plain text', () => {
    expect(displayParts(' a b', true)[0]!.text).toBe('·a·b');
    expect(displayParts('<img src=x onerror=alert(1)>')[0]!.text).toBe('<img src=x onerror=alert(1)>');
  });
});
