import { analyzeConstraint, type Completion, type Token } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { constraintOf, constraintTip } from './constraintTip.js';

const alt = (text: string, p: number, id: number) => ({ text, logprob: Math.log(p), bytes: null, id });

/** The model wanted " a" (60 %) but only "s" and "h" were allowed (together 5 % of the raw mass). */
const constrainedToken: Token = {
  text: 's',
  bytes: null,
  logprob: Math.log(0.04),
  id: 3,
  top: [alt(' a', 0.6, 1), alt(' s', 0.2, 2), alt('s', 0.04, 3)],
  constrained: {
    logprob: Math.log(0.8),
    top: [alt('s', 0.8, 3), alt('h', 0.2, 4)],
    allowedMass: 0.05,
  },
};
const free: Token = { text: '!', bytes: null, logprob: -0.1, top: [] };
const completion: Completion = {
  index: 0,
  text: 's!',
  tokens: [constrainedToken, free],
  distribution: 'raw',
  topK: 3,
  constraint: { kind: 'choices', description: '"sad" | "happy"' },
};

describe('the constrained tooltip', () => {
  it('shows p allowed beside p raw, the removed mass and the forbidden raw alternatives', () => {
    const analysis = analyzeConstraint(completion)!;
    const tip = constraintTip(analysis.tokens[0]!);
    expect(tip).toEqual({
      allowed: 'p allowed 80.0 %',
      raw: 'p raw 4.0 %',
      removed: 'removed mass 95.0 %',
      forbidden: [
        { text: '␣a', prob: '60.0 %' },
        { text: '␣s', prob: '20.0 %' },
      ],
      topForbidden: true,
    });
    expect(constraintTip(analysis.tokens[0]!, 1).forbidden).toHaveLength(1);
  });

  it('analyses only the tokens shown so far, and nothing for a free answer', () => {
    expect(constraintOf(completion, 2)?.tokens.map((t) => t.index)).toEqual([0]);
    expect(constraintOf(completion, 0)).toBeUndefined();
    expect(constraintOf({ ...completion, tokens: [free] }, 1)).toBeUndefined();
    expect(constraintOf(undefined, 3)).toBeUndefined();
  });
});
