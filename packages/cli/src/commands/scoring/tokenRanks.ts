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
