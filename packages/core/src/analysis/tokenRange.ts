/**
 * Maps character ranges of the response text to the tokens that cover them, and aggregates token
 * values over a token range. Logprobs natural-log; probabilities 0..1. Token i covers the characters
 * [offset, offset + text.length); a token with empty text (part of a split UTF-8 character) belongs
 * with the token that completes its character.
 */
import type { TokenAnalysis } from './Analysis.js';
import { CLUES, type Clue } from './Thresholds.js';

/** Returns the token index range [start, end) overlapping characters [charStart, charEnd). */
export type TokenLocator = (charStart: number, charEnd: number) => [number, number];

/** Builds a locator over `tokens` (sorted by offset): O(n) once, O(log n) per lookup. */
export function tokenLocator(tokens: readonly TokenAnalysis[]): TokenLocator {
  const n = tokens.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    starts[i] = t.offset;
    ends[i] = t.offset + t.text.length;
  }
  return (charStart, charEnd) => {
    // First token ending after charStart (ends are non-decreasing).
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid]! > charStart) hi = mid;
      else lo = mid + 1;
    }
    let start = lo;
    // Last token starting before charEnd, plus one.
    lo = start;
    hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! < charEnd) lo = mid + 1;
      else hi = mid;
    }
    const end = Math.max(lo, start);
    // Empty tokens holding the leading bytes of the first character belong to it.
    const group = tokens[start]?.utf8Group;
    while (start > 0 && tokens[start - 1]!.text === '' && group !== undefined && start - 1 >= group[0])
      start--;
    return [start, Math.max(end, start)];
  };
}

/** Aggregates over tokens [start, end). */
export interface RangeStats {
  /** Mean logprob over tokens with a known logprob; -Infinity when none has one (all sentinels). */
  meanLogprob: number;
  /** Lowest known probability; null when no token has one. */
  minProb: number | null;
  flaggedTokens: number;
  /** Token with the lowest probability, a sentinel (unknown, below top-k) counting lowest; -1 if empty. */
  weakest: number;
}

/** Control tokens (`TokenAnalysis.control`) are not part of the text and are skipped. */
export function rangeStats(tokens: readonly TokenAnalysis[], start: number, end: number): RangeStats {
  let sum = 0;
  let scored = 0;
  let minProb: number | null = null;
  let flaggedTokens = 0;
  let weakest = -1;
  let weakestProb = Number.POSITIVE_INFINITY;
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    if (t.control) continue;
    if (t.flagged) flaggedTokens++;
    if (t.logprob === null) {
      if (weakestProb > -1) {
        weakestProb = -1;
        weakest = i;
      }
      continue;
    }
    scored++;
    sum += t.logprob;
    const p = t.prob ?? Math.exp(t.logprob);
    if (minProb === null || p < minProb) minProb = p;
    if (p < weakestProb) {
      weakestProb = p;
      weakest = i;
    }
  }
  return {
    meanLogprob: scored > 0 ? sum / scored : Number.NEGATIVE_INFINITY,
    minProb,
    flaggedTokens,
    weakest,
  };
}

/** Union of the clues of tokens [start, end), in `CLUES` order. */
export function clueUnion(tokens: readonly TokenAnalysis[], start: number, end: number): Clue[] {
  const seen = new Set<Clue>();
  for (let i = start; i < end; i++) for (const c of tokens[i]!.clues) seen.add(c);
  return CLUES.filter((c) => seen.has(c));
}
