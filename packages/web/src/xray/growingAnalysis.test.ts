import { readFileSync } from 'node:fs';
import {
  analyzeCompletion,
  type Completion,
  DEFAULT_THRESHOLDS,
  parseResponse,
  type Thresholds,
} from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { buildLargeResponse } from '../harness/buildLargeResponse.js';
import { type GrowingCache, growingAnalysis } from './growingAnalysis.js';

const fixture = (name: string) =>
  parseResponse(
    readFileSync(new URL(`../../../core/src/formats/__fixtures__/${name}`, import.meta.url), 'utf8'),
  );
const big = buildLargeResponse(
  [fixture('openai-chat.seed003.recorded.json'), fixture('tgi.generate.recorded.json')],
  600,
);
const full = big.completions[0]!;
const source = { format: big.format };
/** The first n tokens, as a stream shows them (the same Token objects, a new array). */
const first = (n: number): Completion => {
  const tokens = full.tokens.slice(0, n);
  return { ...full, tokens, text: tokens.map((t) => t.text).join('') };
};

describe('growingAnalysis', () => {
  it('equals analyzeCompletion at every step of a growing answer', () => {
    let cache: GrowingCache | null = null;
    for (const n of [0, 1, 7, 50, 51, 300, 600]) {
      const step = growingAnalysis(first(n), source, DEFAULT_THRESHOLDS, cache);
      expect(step.analysis).toEqual(analyzeCompletion(first(n), source, DEFAULT_THRESHOLDS));
      cache = step.cache;
    }
  });

  it('carries the constraint analysis of a constrained answer, as analyzeCompletion does', () => {
    const token = (text: string, p: number, allowed: number) => ({
      text,
      bytes: null,
      logprob: Math.log(p),
      top: [{ text, logprob: Math.log(p), bytes: null }],
      constrained: {
        logprob: Math.log(p / allowed),
        top: [{ text, logprob: Math.log(p / allowed), bytes: null }],
        allowedMass: allowed,
      },
    });
    const constrained: Completion = {
      index: 0,
      text: 'yes',
      tokens: [token('y', 0.2, 0.25), token('es', 0.9, 0.95)],
      distribution: 'raw',
      topK: 1,
      constraint: { kind: 'choices', description: '"yes" | "no"' },
    };
    const { analysis } = growingAnalysis(constrained, source, DEFAULT_THRESHOLDS, null);
    expect(analysis.constraint).toBeDefined();
    expect(analysis).toEqual(analyzeCompletion(constrained, source, DEFAULT_THRESHOLDS));
  });

  it('keeps the TokenAnalysis objects of the unchanged prefix and analyses only the new tokens', () => {
    const a = growingAnalysis(first(200), source, DEFAULT_THRESHOLDS, null);
    const b = growingAnalysis(first(260), source, DEFAULT_THRESHOLDS, a.cache);
    for (let i = 0; i < 200; i++) expect(b.analysis.tokens[i]).toBe(a.analysis.tokens[i]);
    expect(b.analysis).toEqual(analyzeCompletion(first(260), source, DEFAULT_THRESHOLDS));
  });

  it('recomputes from a replaced token on, and everything when thresholds or the vocabulary change', () => {
    const a = growingAnalysis(first(100), source, DEFAULT_THRESHOLDS, null);
    const replaced = first(100);
    replaced.tokens[40] = { ...replaced.tokens[40]!, text: 'X', logprob: -3 };
    const b = growingAnalysis(replaced, source, DEFAULT_THRESHOLDS, a.cache);
    expect(b.analysis.tokens[39]).toBe(a.analysis.tokens[39]);
    expect(b.analysis.tokens[40]).not.toBe(a.analysis.tokens[40]);
    expect(b.analysis.tokens[41]).not.toBe(a.analysis.tokens[41]);
    expect(b.analysis).toEqual(analyzeCompletion(replaced, source, DEFAULT_THRESHOLDS));

    const strict: Thresholds = { ...DEFAULT_THRESHOLDS, bands: { ...DEFAULT_THRESHOLDS.bands, green: 0.99 } };
    const c = growingAnalysis(first(100), source, strict, a.cache);
    expect(c.analysis.tokens[0]).not.toBe(a.analysis.tokens[0]);
    expect(c.analysis).toEqual(analyzeCompletion(first(100), source, strict));
    const d = growingAnalysis({ ...first(100), vocabSize: 512 }, source, DEFAULT_THRESHOLDS, a.cache);
    expect(d.analysis.tokens[0]).not.toBe(a.analysis.tokens[0]);
  });

  it('rejects bad thresholds as analyzeCompletion does', () => {
    const bad = { ...DEFAULT_THRESHOLDS, lowConfidence: 2 };
    expect(() => growingAnalysis(first(5), source, bad, null)).toThrow(
      (() => {
        try {
          analyzeCompletion(first(5), source, bad);
        } catch (e) {
          return (e as Error).message;
        }
        return 'no error';
      })(),
    );
  });
});
