import type { NextTokenDistribution, Token } from '@tokenscope/core';

/**
 * A stand-in for the server's distribution endpoint, for the harness only: the stored top-k of the
 * position followed by `tail` made-up tokens that share the probability the top-k leaves out
 * (geometrically), so the explorer's long-tail summary and "load all" can be exercised without a model.
 */
export function fakeDistribution(
  token: Token,
  position: number,
  top: number | 'all',
  tail = 200,
): NextTokenDistribution {
  const alternatives = token.top.map((a) => ({ ...a }));
  let covered = 0;
  for (const a of alternatives) if (a.logprob !== null) covered += Math.exp(a.logprob);
  const rest = Math.max(0, 1 - covered);
  const ratio = 0.9;
  const norm = (1 - ratio) / (1 - ratio ** tail);
  const vocab = alternatives.length + tail;
  const n = top === 'all' ? tail : Math.max(0, Math.min(tail, top - alternatives.length));
  for (let i = 0; i < n && rest > 0; i++) {
    const p = rest * norm * ratio ** i;
    alternatives.push({ text: `tail${i}`, logprob: Math.log(p), bytes: null });
  }
  let listed = 0;
  for (const a of alternatives) if (a.logprob !== null) listed += Math.exp(a.logprob);
  return {
    position,
    alternatives,
    coveredMass: Math.min(1, listed),
    vocabSize: vocab,
    source: 'engine',
    distribution: 'raw',
  };
}
