import { analyzeCompletion, type Completion, gate } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { gateThresholdsError, verdictDisplay } from './sentenceVerdict.js';

function answer(pieces: Array<[string, number | null]>) {
  const tokens = pieces.map(([text, logprob]) => ({ text, logprob, bytes: null, top: [] }));
  const completion: Completion = {
    index: 0,
    text: tokens.map((t) => t.text).join(''),
    tokens,
    distribution: 'unknown',
    topK: 0,
  };
  return analyzeCompletion(completion, { format: 'openai-chat' });
}

// Means: -0.05 (publish), -1.0 no fact (publish, hesitant), -1.0 with a 5 % year (review, weak
// fact), -2 (review), no logprob (review).
const a = answer([
  ['Sure', -0.05],
  ['.', -0.05],
  [' Maybe', -1],
  ['.', -1],
  [' In', -0.1],
  [' 1889', -3],
  ['.', -0.1],
  [' No', -2],
  ['.', -2],
  [' Hm', null],
  ['.', null],
]);

describe('verdictDisplay (core gate verdicts, shown)', () => {
  it('labels each of core’s verdicts by why it was given', () => {
    const result = gate(a);
    expect(result.sentences.map((s) => [s.verdict, verdictDisplay(s).label])).toEqual([
      ['publish', 'publish · model confident'],
      ['publish', 'publish · model hesitant'],
      ['review', 'review · weak fact'],
      ['review', 'review · model unsure'],
      ['review', 'review · no logprobs'],
    ]);
    expect(result.sentences.map((s) => verdictDisplay(s).tone)).toEqual([
      'publish',
      'check',
      'review',
      'review',
      'review',
    ]);
  });
  it('follows the thresholds given', () => {
    const t = { publish: -1.2, review: -2.5 };
    const result = gate(a, t);
    expect(verdictDisplay(result.sentences[1]!, t).label).toBe('publish · model confident');
    expect(verdictDisplay(result.sentences[3]!, t).label).toBe('publish · model hesitant');
  });
  it('wording speaks of the model, never of truth', () => {
    for (const s of gate(a).sentences) {
      expect(verdictDisplay(s).label).toMatch(/model|fact|logprobs/);
      expect(verdictDisplay(s).label).not.toMatch(/\b(true|truth|false|correct|wrong)\b/i);
    }
  });
});

describe('gateThresholdsError', () => {
  it('is null for valid thresholds and core’s message otherwise', () => {
    expect(gateThresholdsError({ publish: -0.5, review: -1.5 })).toBeNull();
    expect(gateThresholdsError({ publish: -2, review: -1 })).toMatch(/must be above the review threshold/);
    expect(gateThresholdsError({ publish: 0.3, review: -1 })).toMatch(/expected a mean logprob <= 0/);
    expect(gateThresholdsError({ publish: Number.NaN, review: -1 })).toMatch(/publish threshold/);
  });
});
