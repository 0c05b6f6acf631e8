/**
 * Per-token metrics. Units: logprobs are natural-log; probabilities are in 0..1; surprisal
 * (-log2 p) and entropy are in BITS.
 *
 * - rank: 1 + the number of reported alternatives whose logprob exceeds the chosen token's by more
 *   than 1e-9 (ties do not demote); null when the chosen token is not among the alternatives.
 * - margin: p(top1) - p(top2) over the alternatives together with the chosen token; null with < 2.
 * - topMass: sum of the alternatives' p (plus the chosen p when it is not among them), at most 1.
 * - entropy: exact when the source sent it (nats, converted); else a lower bound, with an upper
 *   bound when the vocabulary size is known (see `entropyBounds`).
 */
import type { Token, TopAlternative } from '../model/Token.js';
import type { TokenAnalysis } from './Analysis.js';
import { bandOf } from './bandOf.js';
import { entropyBoundsOf } from './entropyBounds.js';
import type { Clue, Thresholds } from './Thresholds.js';

const RANK_EPSILON = 1e-9;
const SAME_LOGPROB = 1e-6;

export function analyzeToken(
  token: Token,
  index: number,
  offset: number,
  thresholds: Thresholds,
  vocabSize?: number,
): TokenAnalysis {
  const logprob = token.logprob;
  const prob = logprob === null ? null : Math.exp(logprob);
  const surprisal = logprob === null ? null : logprob === 0 ? 0 : -logprob / Math.LN2;
  const top = token.top.map(withProb);

  const matched = logprob === null ? -1 : findChosen(token, logprob);
  let rank: number | null = null;
  let inTopK: boolean | null = null;
  if (top.length > 0) {
    inTopK = matched >= 0;
    if (matched >= 0) {
      rank = 1;
      for (let i = 0; i < top.length; i++) {
        const lp = top[i]!.logprob;
        if (i !== matched && lp !== null && lp > logprob! + RANK_EPSILON) rank++;
      }
    }
  }

  // Known probabilities at this position: the alternatives, plus the chosen token when not among them.
  let count = 0;
  let mass = 0;
  let hRep = 0;
  let first = -1;
  let second = -1;
  let reportedMin: number | null = null;
  const add = (p: number) => {
    count++;
    mass += p;
    if (p > 0) hRep -= p * Math.log2(p);
    if (p > first) {
      second = first;
      first = p;
    } else if (p > second) second = p;
  };
  for (const alt of top) {
    if (alt.prob === null) continue;
    add(alt.prob);
    if (reportedMin === null || alt.prob < reportedMin) reportedMin = alt.prob;
  }
  if (matched < 0 && prob !== null) add(prob);
  const margin = second >= 0 ? first - second : null;
  const topMass = Math.min(1, mass);

  let entropy: number | null = null;
  let entropyUpper: number | null = null;
  let entropyExact = false;
  if (token.entropy !== undefined && Number.isFinite(token.entropy)) {
    entropy = Math.max(0, token.entropy) / Math.LN2;
    entropyUpper = entropy;
    entropyExact = true;
  } else if (count > 0) {
    const bounds = entropyBoundsOf(hRep, mass, count, reportedMin, vocabSize);
    entropy = bounds.lower;
    entropyUpper = bounds.upper;
  }

  // A control token (end of turn, ...) is not part of the text: it is never flagged (see `Token.control`).
  const clues: Clue[] = token.control ? [] : cluesOf(prob, margin, rank, inTopK, thresholds);

  const result: TokenAnalysis = {
    index,
    text: token.text,
    bytes: token.bytes,
    offset,
    logprob,
    prob,
    surprisal,
    rank,
    inTopK,
    margin,
    topMass,
    entropy,
    entropyUpper,
    entropyExact,
    band: bandOf(prob, thresholds),
    clues,
    flagged: clues.length > 0,
    top,
  };
  if (token.rawText !== undefined) result.rawText = token.rawText;
  if (token.special !== undefined) result.special = token.special;
  if (token.control) result.control = true;
  if (token.utf8Group !== undefined) result.utf8Group = token.utf8Group;
  return result;
}

function cluesOf(
  prob: number | null,
  margin: number | null,
  rank: number | null,
  inTopK: boolean | null,
  thresholds: Thresholds,
): Clue[] {
  const clues: Clue[] = [];
  if (prob === null || prob < thresholds.lowConfidence) clues.push('low-confidence');
  if (margin !== null && margin < thresholds.ambiguousMargin) clues.push('ambiguous');
  if ((rank !== null && rank > 1) || inTopK === false) clues.push('not-top');
  return clues;
}

/** An alternative with its probability; built field by field (faster than a spread over 300k tokens). */
function withProb(alt: TopAlternative): TopAlternative & { prob: number | null } {
  const out: TopAlternative & { prob: number | null } = {
    text: alt.text,
    logprob: alt.logprob,
    bytes: alt.bytes,
    prob: alt.logprob === null ? null : Math.exp(alt.logprob),
  };
  if (alt.id !== undefined) out.id = alt.id;
  if (alt.raw !== undefined) out.raw = alt.raw;
  return out;
}

/**
 * Index of the chosen token among its alternatives, or -1. Matches by id when both have ids, else
 * by bytes, else by text; among several matches (the same text twice), prefers the one whose logprob
 * equals the chosen logprob.
 */
function findChosen(token: Token, logprob: number): number {
  let firstMatch = -1;
  for (let i = 0; i < token.top.length; i++) {
    const alt = token.top[i]!;
    if (!sameToken(token, alt)) continue;
    if (alt.logprob !== null && Math.abs(alt.logprob - logprob) <= SAME_LOGPROB) return i;
    if (firstMatch < 0) firstMatch = i;
  }
  return firstMatch;
}

function sameToken(token: Token, alt: TopAlternative): boolean {
  if (token.id !== undefined && alt.id !== undefined) return token.id === alt.id;
  if (token.bytes !== null && alt.bytes !== null) return sameBytes(token.bytes, alt.bytes);
  return (token.rawText ?? token.text) === alt.text || token.text === alt.text;
}

function sameBytes(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
