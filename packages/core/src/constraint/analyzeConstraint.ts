import type { Completion } from '../model/Completion.js';
import type { Token, TopAlternative } from '../model/Token.js';
import type { ConstrainedTokenAnalysis, ConstraintAnalysis } from './ConstraintAnalysis.js';

function prob(logprob: number | null): number | null {
  return logprob === null ? null : Math.exp(logprob);
}

function key(a: TopAlternative): string {
  return a.id === undefined ? `t:${a.text}` : `i:${a.id}`;
}

/**
 * One constrained position. A raw alternative is allowed exactly when it appears among the
 * constrained alternatives: both lists hold the k best of their distribution, and an allowed token
 * in the raw top-k has fewer than k allowed tokens above it, so it is in the constrained top-k too.
 */
function analyzeToken(token: Token, index: number): ConstrainedTokenAnalysis | undefined {
  const c = token.constrained;
  if (c === undefined) return undefined;
  const allowedKeys = new Set(c.top.map(key));
  const rawTop = token.top.map((a) => ({ ...a, prob: prob(a.logprob), allowed: allowedKeys.has(key(a)) }));
  const allowedMass = Math.min(1, Math.max(0, c.allowedMass));
  const result: ConstrainedTokenAnalysis = {
    index,
    text: token.text,
    logprob: c.logprob,
    prob: prob(c.logprob),
    rawLogprob: token.logprob,
    rawProb: prob(token.logprob),
    allowedMass,
    removedMass: 1 - allowedMass,
    topForbidden: rawTop.length === 0 || c.top.length === 0 ? null : !rawTop[0]!.allowed,
    rawTop,
    constrainedTop: c.top.map((a) => ({ ...a, prob: prob(a.logprob) })),
  };
  if (token.id !== undefined) result.id = token.id;
  return result;
}

/**
 * What a constraint did to a completion: for every token that carries `constrained` values, the
 * raw distribution (what the model wanted) beside the constrained one (what it was allowed) and the
 * mass the constraint removed. Undefined when no token carries constrained values.
 */
export function analyzeConstraint(completion: Completion): ConstraintAnalysis | undefined {
  const tokens: ConstrainedTokenAnalysis[] = [];
  completion.tokens.forEach((token, i) => {
    const analysed = analyzeToken(token, i);
    if (analysed) tokens.push(analysed);
  });
  if (tokens.length === 0) return undefined;
  let sumLogprob = 0;
  let sumRawLogprob = 0;
  let removed = 0;
  let maxRemovedMass: number | null = null;
  let maxRemovedIndex: number | null = null;
  let topForbiddenTokens = 0;
  for (const t of tokens) {
    sumLogprob += t.logprob ?? 0;
    sumRawLogprob += t.rawLogprob ?? 0;
    removed += t.removedMass;
    if (maxRemovedMass === null || t.removedMass > maxRemovedMass) {
      maxRemovedMass = t.removedMass;
      maxRemovedIndex = t.index;
    }
    if (t.topForbidden === true) topForbiddenTokens++;
  }
  return {
    constraint: completion.constraint ?? null,
    tokens,
    summary: {
      tokens: tokens.length,
      sumLogprob,
      sumRawLogprob,
      meanRemovedMass: removed / tokens.length,
      maxRemovedMass,
      maxRemovedIndex,
      topForbiddenTokens,
    },
  };
}
