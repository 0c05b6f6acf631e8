import type { Token } from '@tokenscope/core';

/** A scored token's rank among the alternatives: 1 = the model's own pick; null = below the top-k. */
export function tokenRank(token: Token): number | null {
  if (token.logprob === null || token.top.length === 0) return null;
  const listed = token.top.some((a) =>
    a.id !== undefined && token.id !== undefined ? a.id === token.id : a.text === token.text,
  );
  if (!listed) return null;
  return 1 + token.top.filter((a) => a.logprob !== null && a.logprob > token.logprob!).length;
}

/** The headline numbers of scored text: sum, perplexity over the known logprobs, ranks. */
export function scoreSummary(
  tokens: readonly Token[],
  topLogprobs: number,
): { tokenCount: number; sumLogprob: number; perplexity: number; topChoiceCount: number; belowTopK: number } {
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
