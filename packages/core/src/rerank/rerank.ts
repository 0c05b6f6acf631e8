/**
 * Reranking candidates by their logprob given a prompt (seed 001): each candidate's total, mean and
 * length-normalised logprob, and the ranking under each. JSON-friendly.
 */
import { InvalidOptionError } from '../errors/InvalidOptionError.js';

/** A candidate's score: log P(candidate | prompt) summed over its tokens. */
export interface CandidateScore {
  text: string;
  sumLogprob: number;
  tokenCount: number;
}

/**
 * How `normalized` divides the total by the length (tokens):
 * - `power`: `sum / len^alpha` (alpha 0: the total, 1: the mean);
 * - `gnmt`: `sum / ((5 + len) / 6)^alpha`, the length penalty of Wu et al. 2016 (GNMT).
 */
export type LengthPenalty = 'power' | 'gnmt';

export interface RerankOptions {
  /** Length-normalisation exponent, 0..2. Default 0.6 (between the total, 0, and the mean, 1). */
  alpha?: number;
  /** Default `power`. */
  lengthPenalty?: LengthPenalty;
}

/** The three scores a candidate is ranked by. */
export const RANKINGS = ['total', 'mean', 'normalized'] as const;
export type RankingName = (typeof RANKINGS)[number];

export interface RankedCandidate {
  /** Position in the input. */
  index: number;
  text: string;
  tokenCount: number;
  sumLogprob: number;
  meanLogprob: number;
  normalizedLogprob: number;
  /** 1-based rank under each score (1 = best). */
  rank: Record<RankingName, number>;
}

export interface RerankResult {
  /** In input order. */
  candidates: RankedCandidate[];
  /** Candidate indices, best first, under each score (ties keep the input order). */
  rankings: Record<RankingName, number[]>;
  alpha: number;
  lengthPenalty: LengthPenalty;
  /** True when all three rankings put the same candidate first. */
  agree: boolean;
}

export const DEFAULT_ALPHA = 0.6;

/** The length divisor of `normalized`. */
export function lengthDivisor(tokens: number, alpha: number, penalty: LengthPenalty): number {
  return penalty === 'gnmt' ? ((5 + tokens) / 6) ** alpha : tokens ** alpha;
}

export function rerank(scores: readonly CandidateScore[], options: RerankOptions = {}): RerankResult {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const lengthPenalty = options.lengthPenalty ?? 'power';
  if (!(alpha >= 0 && alpha <= 2))
    throw new InvalidOptionError('alpha', `expected a number in 0..2, got ${alpha}`);
  if (lengthPenalty !== 'power' && lengthPenalty !== 'gnmt') {
    throw new InvalidOptionError(
      'length penalty',
      `expected 'power' or 'gnmt', got ${String(lengthPenalty)}`,
    );
  }
  if (scores.length === 0)
    throw new InvalidOptionError('candidates', 'expected at least one candidate, got none');
  const seen = new Set<string>();
  for (const s of scores) {
    if (s.text.length === 0)
      throw new InvalidOptionError('candidates', 'expected non-empty candidates, got an empty one');
    if (seen.has(s.text))
      throw new InvalidOptionError(
        'candidates',
        `expected distinct candidates, got ${JSON.stringify(s.text)} twice`,
      );
    if (!(s.tokenCount >= 1))
      throw new InvalidOptionError(
        'candidates',
        `expected at least one token per candidate, got ${s.tokenCount} for ${JSON.stringify(s.text)}`,
      );
    seen.add(s.text);
  }
  const base = scores.map((s, index) => ({
    index,
    text: s.text,
    tokenCount: s.tokenCount,
    sumLogprob: s.sumLogprob,
    meanLogprob: s.sumLogprob / s.tokenCount,
    normalizedLogprob: s.sumLogprob / lengthDivisor(s.tokenCount, alpha, lengthPenalty),
  }));
  const value: Record<RankingName, (c: (typeof base)[number]) => number> = {
    total: (c) => c.sumLogprob,
    mean: (c) => c.meanLogprob,
    normalized: (c) => c.normalizedLogprob,
  };
  const rankings = {} as Record<RankingName, number[]>;
  for (const name of RANKINGS) {
    rankings[name] = base
      .map((c) => c.index)
      .sort((a, b) => value[name](base[b]!) - value[name](base[a]!) || a - b);
  }
  const candidates = base.map((c) => ({
    ...c,
    rank: {
      total: rankings.total.indexOf(c.index) + 1,
      mean: rankings.mean.indexOf(c.index) + 1,
      normalized: rankings.normalized.indexOf(c.index) + 1,
    },
  }));
  const firsts = new Set(RANKINGS.map((r) => rankings[r][0]));
  return { candidates, rankings, alpha, lengthPenalty, agree: firsts.size === 1 };
}
