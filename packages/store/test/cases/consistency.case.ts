/**
 * Shared suite: runs with a sampling-consistency result (migration 006). A run made from samples only
 * (empty tokens) takes its verdict from core's `gateConsistency` in lists, filters, the dataset
 * summary and exports; a run with tokens keeps the token gate's verdict. Expected verdicts come from
 * core's functions on the same analyses, never from numbers written here.
 */
import {
  analyzeConsistency,
  type ConsistencyAnalysis,
  gateConsistency,
  type NewRun,
  runFigures,
  samplesResponse,
  verdictAt,
} from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { InvalidRunError } from '../../src/index.js';
import { type Backend, useStore } from '../backends.js';
import { collect, newRun } from '../runs.js';

const cost = { requests: 5, promptTokens: 40, completionTokens: 12, ms: 800 };
const analysis = (...texts: string[]): ConsistencyAnalysis =>
  analyzeConsistency(
    texts.map((text) => ({ text, finishReason: 'stop' })),
    { temperature: 0.7, cost },
  );

/** A run made from samples only, as `ask` stores it when the endpoint refused logprobs. */
function sampledRun(consistency: ConsistencyAnalysis, extra: Partial<NewRun> = {}): NewRun {
  return newRun({
    source: 'remote',
    model: 'o3-mini',
    response: samplesResponse(consistency, { format: 'openai-chat', model: 'o3-mini' }),
    consistency,
    ...extra,
  });
}

export function consistencyCases(backend: Backend): void {
  const ctx = useStore(backend);

  describe('consistency', () => {
    it('keeps the analysis and the agreement; the verdict of a sample-only run is the consistency gate', async () => {
      const split = analysis('Paris', 'Lyon', 'paris.', 'Marseille', 'Paris');
      const agreed = analysis('Paris', 'paris', 'Paris.', ' PARIS', 'Paris');
      expect(gateConsistency(split).verdict).toBe('review');
      expect(gateConsistency(agreed).verdict).toBe('publish');
      // Empty tokens: the token gate alone would publish both.
      expect(verdictAt(runFigures(sampledRun(split).response), { publish: -0.5, review: -1.5 })).toBe(
        'publish',
      );

      const a = await ctx.store.save(sampledRun(split, { dataset: 'capitals', title: 'split' }));
      const b = await ctx.store.save(sampledRun(agreed, { dataset: 'capitals', title: 'agreed' }));
      expect(a.consistency).toStrictEqual(split);
      expect(a.summary.agreement).toBe(split.agreement);
      expect(a.summary.tokens).toBe(0);
      const got = await ctx.store.get(a.id);
      expect(got).toStrictEqual(a);
      expect(got.response.completions.map((c) => c.text)).toEqual([
        'Paris',
        'Lyon',
        'paris.',
        'Marseille',
        'Paris',
      ]);
      expect(got.response.completions.every((c) => c.tokens.length === 0 && c.topK === 0)).toBe(true);
      expect(await (await ctx.reopen()).get(b.id)).toStrictEqual(b);

      const list = await ctx.store.list({ dataset: 'capitals' });
      const verdicts = Object.fromEntries(list.runs.map((r) => [r.title, r.verdict]));
      expect(verdicts).toEqual({ split: 'review', agreed: 'publish' });
      expect(list.runs.find((r) => r.title === 'agreed')?.summary.agreement).toBe(1);
      const review = await ctx.store.list({ dataset: 'capitals', verdict: 'review' });
      expect(review.runs.map((r) => r.id)).toEqual([a.id]);

      const summary = await ctx.store.datasetSummary({ dataset: 'capitals' });
      expect(summary.total.verdicts).toEqual({ publish: 1, review: 1 });
      // Even at thresholds that would publish any logprob: the samples decide.
      const lenient = await ctx.store.datasetSummary({
        dataset: 'capitals',
        thresholds: { publish: -5, review: -10 },
      });
      expect(lenient.total.verdicts).toEqual({ publish: 1, review: 1 });

      const rows = await collect(ctx.store.exportRows({ dataset: 'capitals' }));
      expect(Object.fromEntries(rows.map((r) => [r.runId, [r.verdict, r.agreement]]))).toEqual({
        [a.id]: ['review', split.agreement],
        [b.id]: ['publish', 1],
      });
      // No logprobs: no token figures (a summary of no tokens says perplexity 1, which reads as certainty).
      for (const r of rows) {
        expect([r.tokens, r.sumLogprob, r.meanLogprob, r.perplexity, r.minProb]).toEqual([
          0,
          null,
          null,
          null,
          null,
        ]);
      }
    });

    it('a run with tokens and a consistency result keeps the token gate verdict and adds the agreement', async () => {
      // confidence both: the answer generated with logprobs is compared with the samples
      const split = analyzeConsistency(
        [{ text: 'yes' }, { text: 'no' }, { text: 'no' }, { text: 'yes' }, { text: 'maybe' }],
        { temperature: 0.7, cost: { requests: 4 }, reference: true },
      );
      const run = newRun({ consistency: split, dataset: 'both' });
      const saved = await ctx.store.save(run);
      const figures = runFigures(run.response);
      expect(saved.summary).toEqual({ ...figures.summary, agreement: split.agreement });
      const [item] = (await ctx.store.list({ dataset: 'both' })).runs;
      expect(item?.verdict).toBe(verdictAt(figures, { publish: -0.5, review: -1.5 }));
      expect((await ctx.store.get(saved.id)).consistency).toStrictEqual(split);
    });

    it('runs without one have neither field', async () => {
      const saved = await ctx.store.save(newRun());
      expect(saved).not.toHaveProperty('consistency');
      expect(saved.summary).not.toHaveProperty('agreement');
    });

    it('rejects a malformed consistency result, naming the field', async () => {
      const bad = { ...analysis('a', 'b'), agreement: 2 };
      await expect(ctx.store.save(sampledRun(bad))).rejects.toThrow(InvalidRunError);
      await expect(ctx.store.save(sampledRun(bad))).rejects.toThrow(/consistency\.agreement/);
      const one = { ...analysis('a', 'b'), samples: [{ text: 'a' }] };
      await expect(ctx.store.save(sampledRun(one))).rejects.toThrow(/consistency\.samples/);
    });
  });
}
