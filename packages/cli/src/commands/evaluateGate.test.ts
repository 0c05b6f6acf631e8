import type { Analysis } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { evaluateGate } from './evaluateGate.js';

/** A minimal analysis: only the fields the gate reads. */
function analysisOf(probs: Array<number | null>, spans: Array<{ weakest: number }>): Analysis {
  return {
    tokens: probs.map((prob, index) => ({ index, text: `t${index}`, prob })),
    spans,
  } as unknown as Analysis;
}

describe('evaluateGate', () => {
  it('passes without gate options, whatever the analysis', () => {
    expect(evaluateGate(analysisOf([0.001], [{ weakest: 0 }]), {})).toBeNull();
  });

  it('--fail-on-flag fails on any span and names the weakest span token', () => {
    const analysis = analysisOf([0.9, 0.2, 0.004, 0.05], [{ weakest: 1 }, { weakest: 2 }, { weakest: 3 }]);
    expect(evaluateGate(analysis, { failOnFlag: true })).toBe('3 flagged spans (weakest "t2" 0.4 %)');
    expect(evaluateGate(analysisOf([0.9], []), { failOnFlag: true })).toBeNull();
  });

  it('--fail-below counts tokens under the threshold; a sentinel counts as weakest', () => {
    const analysis = analysisOf([0.9, 0.2, null, 0.5], []);
    expect(evaluateGate(analysis, { failBelow: 0.5 })).toBe(
      '2 tokens below 50.0 % (weakest "t2" below top-k)',
    );
    expect(evaluateGate(analysisOf([0.9, 0.5], []), { failBelow: 0.5 })).toBeNull();
    expect(evaluateGate(analysisOf([0.9, 0.3], []), { failBelow: 0.5 })).toBe(
      '1 token below 50.0 % (weakest "t1" 30.0 %)',
    );
  });

  it('joins both reasons', () => {
    const analysis = analysisOf([0.9, 0.05], [{ weakest: 1 }]);
    expect(evaluateGate(analysis, { failOnFlag: true, failBelow: 0.1 })).toBe(
      '1 flagged span (weakest "t1" 5.0 %); 1 token below 10.0 % (weakest "t1" 5.0 %)',
    );
  });
});
