/**
 * Low-confidence spans: flagged words, neighbouring ones (nothing but whitespace or punctuation
 * between them) merged into one span, plus flagged tokens outside every word (a flagged "." or "→")
 * as spans of their own (adjacent ones merged, surrounding whitespace left out). Per span: mean logprob (natural log), lowest
 * probability (0..1), the weakest token (lowest probability; a sentinel counts lowest) and its
 * alternatives, the union of the clues, and the kinds of critical fact it overlaps. Linear in the
 * number of tokens and words, plus a binary search into the facts per span.
 */
import {
  type CriticalFact,
  FACT_KINDS,
  type FactKind,
  type LowConfidenceSpan,
  type TokenAnalysis,
  type Word,
} from './Analysis.js';
import { clueUnion, rangeStats } from './tokenRange.js';

interface Unit {
  charStart: number;
  charEnd: number;
  start: number;
  end: number;
}

const GAP = /^[\s\p{P}]*$/u;
const VISIBLE = /\S/u;

export function findLowConfidenceSpans(
  text: string,
  tokens: readonly TokenAnalysis[],
  words: readonly Word[],
  facts: readonly CriticalFact[],
): LowConfidenceSpan[] {
  const units: Unit[] = [];
  const covered = new Uint8Array(tokens.length);
  let previous: Word | undefined;
  for (const word of words) {
    covered.fill(1, word.start, word.end);
    if (!word.flagged) {
      previous = undefined;
      continue;
    }
    const last = units[units.length - 1];
    if (previous && last && GAP.test(text.slice(previous.charEnd, word.charStart))) {
      last.charEnd = word.charEnd;
      last.end = Math.max(last.end, word.end);
    } else {
      units.push({ charStart: word.charStart, charEnd: word.charEnd, start: word.start, end: word.end });
    }
    previous = word;
  }

  const wordUnits = units.length;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (covered[i] === 1 || !t.flagged || !VISIBLE.test(t.text)) continue;
    const charStart = t.offset + (t.text.length - t.text.trimStart().length);
    const charEnd = t.offset + t.text.trimEnd().length;
    const last = units[units.length - 1];
    if (units.length > wordUnits && last && last.end === i) {
      last.end = i + 1;
      last.charEnd = charEnd;
    } else {
      units.push({ charStart, charEnd, start: i, end: i + 1 });
    }
  }
  if (units.length > wordUnits) units.sort((a, b) => a.charStart - b.charStart);

  return units.map((u) => {
    const stats = rangeStats(tokens, u.start, u.end);
    const weakest = stats.weakest >= 0 ? stats.weakest : u.start;
    return {
      text: text.slice(u.charStart, u.charEnd),
      start: u.start,
      end: u.end,
      charStart: u.charStart,
      charEnd: u.charEnd,
      meanLogprob: stats.meanLogprob,
      minProb: stats.minProb,
      weakest,
      alternatives: tokens[weakest]?.top ?? [],
      clues: clueUnion(tokens, u.start, u.end),
      facts: factKindsIn(facts, u.charStart, u.charEnd),
    };
  });
}

/** Kinds of the facts overlapping [charStart, charEnd), in `FACT_KINDS` order; facts are sorted and disjoint. */
function factKindsIn(facts: readonly CriticalFact[], charStart: number, charEnd: number): FactKind[] {
  let lo = 0;
  let hi = facts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (facts[mid]!.charEnd > charStart) hi = mid;
    else lo = mid + 1;
  }
  const kinds = new Set<FactKind>();
  for (let i = lo; i < facts.length && facts[i]!.charStart < charEnd; i++) kinds.add(facts[i]!.kind);
  return FACT_KINDS.filter((k) => kinds.has(k));
}
