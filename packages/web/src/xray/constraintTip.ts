import type { Completion, ConstrainedTokenAnalysis, ConstraintAnalysis } from '@tokenscope/core';
import {
  analyzeConstraint,
  forbiddenAlternatives,
  formatProbability,
  visibleWhitespace,
} from '@tokenscope/core';

/** What a constrained token's tooltip adds: the allowed value beside the raw one, and what was forbidden. */
export interface ConstraintTip {
  /** "p allowed 98.1 %". */
  allowed: string;
  /** "p raw 0.01 %". */
  raw: string;
  /** "removed mass 99.9 %". */
  removed: string;
  /** The raw alternatives the constraint forbade, highest first (whitespace visible). */
  forbidden: Array<{ text: string; prob: string }>;
  /** True when the model's own first choice was forbidden. */
  topForbidden: boolean;
}

/** The tooltip lines of one constrained token (at most `max` forbidden alternatives). */
export function constraintTip(t: ConstrainedTokenAnalysis, max = 5): ConstraintTip {
  return {
    allowed: `p allowed ${formatProbability(t.prob, 'n/a')}`,
    raw: `p raw ${formatProbability(t.rawProb, 'below the top-k')}`,
    removed: `removed mass ${formatProbability(t.removedMass)}`,
    forbidden: forbiddenAlternatives(t, max).map((a) => ({
      text: visibleWhitespace(a.text),
      prob: formatProbability(a.prob, 'n/a'),
    })),
    topForbidden: t.topForbidden === true,
  };
}

/**
 * What the constraint did to the first `shown` tokens of a completion (tokens that carry `constrained`
 * values), or undefined for a free answer. While streaming `shown` is what the X-ray shows so far.
 */
export function constraintOf(
  completion: Completion | undefined,
  shown: number,
): ConstraintAnalysis | undefined {
  if (!completion) return undefined;
  const part =
    shown >= completion.tokens.length
      ? completion
      : { ...completion, tokens: completion.tokens.slice(0, shown) };
  return analyzeConstraint(part);
}
