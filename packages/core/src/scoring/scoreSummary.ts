import type { Token } from '../model/Token.js';

/** A scored token's rank among the alternatives: 1 = the model's own pick; null = below the top-k. */
export function tokenRank(token: Token): number | null {
  if (token.logprob === null || token.top.length === 0) return null;
  const listed = token.top.some((a) =>
    a.id !== undefined && token.id !== undefined ? a.id === token.id : a.text === token.text,
  );
  if (!listed) return null;
  return 1 + token.top.filter((a) => a.logprob !== null && a.logprob > token.logprob!).length;
}

/** The headline numbers of scored text (text the model did not write, `tokenscope score`). */
export interface ScoreSummary {
  tokenCount: number;
  sumLogprob: number;
  /** exp(-mean logprob) over the tokens with a logprob (1 when none has one). */
  perplexity: number;
  /** Tokens whose rank is 1: where the text says what the model would have said. */
  topChoiceCount: number;
  /** Scored tokens outside the reported top-k (counted only when `topLogprobs` > 0). */
  belowTopK: number;
}

/** Sum, perplexity and rank counts of scored tokens (see `tokenRank`). */
export function scoreSummary(tokens: readonly Token[], topLogprobs: number): ScoreSummary {
  let sum = 0;
  let known = 0;
  let topChoiceCount = 0;
  let belowTopK = 0;
  for (const t of tokens) {
    if (t.logprob === null) continue;
    sum += t.logprob;
    known++;
    const rank = tokenRank(t);
    if (rank === 1) topChoiceCount++;
    if (rank === null && topLogprobs > 0) belowTopK++;
  }
  return {
    tokenCount: tokens.length,
    sumLogprob: sum,
    perplexity: known === 0 ? 1 : Math.exp(-sum / known),
    topChoiceCount,
    belowTopK,
  };
}
