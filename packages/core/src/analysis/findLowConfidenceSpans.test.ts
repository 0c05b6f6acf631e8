import '../names.js'; // names among the critical facts, as the CLI, server and web app find them
import { describe, expect, it } from 'vitest';
import type { Token } from '../model/Token.js';
import { analyzed, tok } from './__fixtures__/tokens.js';
import { findCriticalFacts } from './findCriticalFacts.js';
import { findLowConfidenceSpans } from './findLowConfidenceSpans.js';
import { segmentWords } from './segmentWords.js';

const L = Math.log;

function spansOf(pieces: Array<[string, number | null] | Token>) {
  const tokens = analyzed(pieces);
  const text = tokens.map((t) => t.text).join('');
  const words = segmentWords(text, tokens);
  return findLowConfidenceSpans(text, tokens, words, findCriticalFacts(text, tokens));
}

describe('findLowConfidenceSpans', () => {
  it('merges neighbouring flagged words and keeps the others apart', () => {
    const spans = spansOf([
      ['The', L(0.9)],
      [' cat', L(0.05)],
      tok(' sat', L(0.04), [
        [' ran', L(0.5)],
        [' sat', L(0.04)],
      ]),
      [' on', L(0.95)],
      [' the', L(0.06)],
      [' mat', L(0.95)],
      ['.', L(0.99)],
    ]);
    expect(spans.map((s) => [s.text, s.start, s.end, s.charStart, s.charEnd])).toEqual([
      ['cat sat', 1, 3, 4, 11],
      ['the', 4, 5, 15, 18],
    ]);
    const [first] = spans;
    expect(first!.weakest).toBe(2); // p = 0.04 < 0.05
    expect(first!.minProb).toBeCloseTo(0.04, 12);
    expect(first!.meanLogprob).toBeCloseTo((L(0.05) + L(0.04)) / 2, 12);
    expect(first!.alternatives.map((a) => a.text)).toEqual([' ran', ' sat']);
    expect(first!.alternatives[0]!.prob).toBeCloseTo(0.5, 12);
    // " cat": low-confidence; " sat": low-confidence + not-top (rank 2); CLUES order
    expect(first!.clues).toEqual(['low-confidence', 'not-top']);
    expect(first!.facts).toEqual([]);
  });

  it('merges across punctuation, not across a symbol', () => {
    const merged = spansOf([
      ['Anna', L(0.05)],
      [',', L(0.99)],
      [' Bob', L(0.05)],
    ]);
    expect(merged.map((s) => s.text)).toEqual(['Anna, Bob']);
    const apart = spansOf([
      ['Anna', L(0.05)],
      [' +', L(0.99)],
      [' Bob', L(0.05)],
    ]);
    expect(apart.map((s) => s.text)).toEqual(['Anna', 'Bob']);
  });

  it('makes spans of flagged tokens outside every word, skipping whitespace', () => {
    const spans = spansOf([
      ['Yes', L(0.9)],
      ['?', L(0.02)],
      ['!', L(0.03)],
      ['\n\n', L(0.01)],
      ['Ok', L(0.9)],
      [' →', L(0.05)],
    ]);
    expect(spans.map((s) => [s.text, s.start, s.end])).toEqual([
      ['?!', 1, 3],
      ['→', 5, 6],
    ]);
    expect(spans[0]!.weakest).toBe(1);
  });

  it('counts a sentinel as the weakest token and names the facts it overlaps', () => {
    const spans = spansOf([
      ['It', L(0.9)],
      [' costs', L(0.9)],
      [' $', L(0.9)],
      ['1', null],
      ['2', L(0.2)],
      [' today', L(0.9)],
    ]);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ text: '12', start: 3, end: 5, weakest: 3, facts: ['money'] });
    expect(spans[0]!.minProb).toBeCloseTo(0.2, 12);
    expect(spans[0]!.meanLogprob).toBeCloseTo(L(0.2), 12); // the sentinel has no value to average
  });

  it('returns nothing when no token is flagged', () => {
    expect(
      spansOf([
        ['All', -0.01],
        [' good', -0.02],
      ]),
    ).toEqual([]);
  });
});
