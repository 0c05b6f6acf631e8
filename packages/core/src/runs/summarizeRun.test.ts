import { describe, expect, it } from 'vitest';
import { completionOf, tok } from '../analysis/__fixtures__/tokens.js';
import { analyze } from '../analysis/analyze.js';
import type { LogprobResponse } from '../model/Completion.js';
import { summarizeRun } from './summarizeRun.js';

// "Paris is 42." with one doubtful token (" 42": p = 0.2, runner-up 0.15) and a sure rest.
const answer = completionOf([
  tok('Paris', Math.log(0.95), [
    ['Paris', Math.log(0.95)],
    ['London', Math.log(0.03)],
  ]),
  tok(' is', Math.log(0.8), [
    [' is', Math.log(0.8)],
    [' was', Math.log(0.1)],
  ]),
  tok(' 42', Math.log(0.2), [
    [' 42', Math.log(0.2)],
    [' 41', Math.log(0.15)],
  ]),
  tok('.', Math.log(0.6), [
    ['.', Math.log(0.6)],
    ['!', Math.log(0.3)],
  ]),
]);
const response: LogprobResponse = { format: 'openai-chat', model: 'm', completions: [answer] };

describe('summarizeRun', () => {
  it('reduces the analysis of completion 0 to the run summary', () => {
    const s = summarizeRun(response);
    const sum = Math.log(0.95) + Math.log(0.8) + Math.log(0.2) + Math.log(0.6); // ln 0.0912 = -2.3947
    expect(s.tokens).toBe(4);
    expect(s.sumLogprob).toBeCloseTo(sum, 12);
    expect(s.meanLogprob).toBeCloseTo(sum / 4, 12);
    expect(s.perplexity).toBeCloseTo(Math.exp(-sum / 4), 12); // 1.8189
    expect(s.minProb).toBeCloseTo(0.2, 12);
    // bands: 0.95 green, 0.8 lime, 0.2 red, 0.6 yellow
    expect(s.bandShares).toEqual([0.25, 0.25, 0.25, 0, 0.25]);
    // " 42" is ambiguous (margin 0.05 < 0.15); "." has margin 0.3; nothing else flagged
    expect(s.flaggedTokens).toBe(1);
    expect(s.criticalFacts).toBe(analyze(response).facts.length);
    expect(s.criticalFacts).toBeGreaterThanOrEqual(1); // the number 42 at least
    expect(s.flaggedFacts).toBe(1);
    expect(s.lowConfidenceSpans).toBe(1);
  });

  it('takes threshold overrides', () => {
    const strict = summarizeRun(response, { ambiguousMargin: 0.5 });
    expect(strict.flaggedTokens).toBe(2); // "." (margin 0.3) joins " 42"
    const bands = summarizeRun(response, { bands: { green: 0.99 } });
    expect(bands.bandShares).toEqual([0, 0.5, 0.25, 0, 0.25]);
  });

  it('looks at completion 0 only', () => {
    const other = completionOf([tok('x', Math.log(0.01))], { index: 1 });
    expect(summarizeRun({ ...response, completions: [answer, other] })).toEqual(summarizeRun(response));
  });

  it('gives zeros, perplexity 1 and null minProb for an empty response, and survives JSON', () => {
    const none = summarizeRun({ format: 'openai-chat', completions: [] });
    const empty = summarizeRun({ format: 'openai-chat', completions: [completionOf([])] });
    expect(none).toEqual({
      tokens: 0,
      sumLogprob: 0,
      meanLogprob: 0,
      perplexity: 1,
      minProb: null,
      flaggedTokens: 0,
      lowConfidenceSpans: 0,
      criticalFacts: 0,
      flaggedFacts: 0,
      bandShares: [0, 0, 0, 0, 0],
    });
    expect(empty).toEqual(none);
    expect(JSON.parse(JSON.stringify(empty))).toEqual(empty);
  });

  it('counts sentinel tokens but does not score them', () => {
    const s = summarizeRun({
      format: 'openai-chat',
      completions: [completionOf([tok('a', null), tok('b', 0)])],
    });
    expect(s.tokens).toBe(2);
    expect(s.sumLogprob).toBe(0);
    expect(s.minProb).toBe(1);
    expect(s.bandShares).toEqual([0.5, 0, 0, 0, 0.5]);
  });
});
