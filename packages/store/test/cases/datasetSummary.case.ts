/**
 * Shared suite: `datasetSummary`, whose every figure is compared with core's analysis of the saved
 * responses (test/expectedFigures.ts), never with numbers written here.
 */
import { type DatasetQuery, InvalidOptionError } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { type Backend, useStore, withDriver } from '../backends.js';
import { DEFAULTS, KEY, STRICT, seed } from '../datasetRuns.js';
import { coreFigures, expectGroupStats } from '../expectedFigures.js';
import { newRun, variant } from '../runs.js';

export function summaryCases(backend: Backend): void {
  const ctx = useStore(backend);

  describe('datasetSummary', () => {
    it('aggregates the runs as core figures each one, grouped by nothing, model, prompt version or tag', async () => {
      const runs = await seed(ctx.store);
      const qa = runs.filter((r) => r.dataset === 'qa');
      for (const thresholds of [undefined, STRICT]) {
        const at = thresholds ?? DEFAULTS;
        const none = await ctx.store.datasetSummary({
          dataset: 'qa',
          ...(thresholds === undefined ? {} : { thresholds }),
        });
        expect(none.thresholds).toEqual(at);
        expect(none.thresholdsSource).toBe(thresholds === undefined ? 'default' : 'query');
        expect(none.query).toMatchObject({ dataset: 'qa', groupBy: 'none' });
        expect(none.groups).toEqual([none.total]);
        expect(none.total.key).toBe('all');
        expectGroupStats(none.total, qa, at, 'total');

        for (const groupBy of ['model', 'promptVersion', 'tag'] as const) {
          const summary = await ctx.store.datasetSummary({
            dataset: 'qa',
            groupBy,
            ...(thresholds === undefined ? {} : { thresholds }),
          });
          expect(summary.total).toEqual(none.total);
          const keys = [...new Set(qa.flatMap(KEY[groupBy]))];
          expect(summary.groups.map((g) => g.key).sort(), groupBy).toEqual([...keys].sort());
          for (const group of summary.groups) {
            const members = qa.filter((r) => KEY[groupBy](r).includes(group.key));
            expectGroupStats(group, members, at, `${groupBy} ${group.key}`);
          }
          const sizes = summary.groups.map((g) => g.answers); // largest first
          expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
        }
      }
      // every run, and a filter
      expectGroupStats((await ctx.store.datasetSummary()).total, runs, DEFAULTS, 'everything');
      const modelA = await ctx.store.datasetSummary({ model: 'model-a', tag: 'three' });
      expectGroupStats(
        modelA.total,
        runs.filter((r) => r.model === 'model-a' && r.tags.includes('three')),
        DEFAULTS,
        'model-a three',
      );
      // the verdict filter (at core's thresholds here) keeps exactly the runs core's gate sends to review
      const review = await ctx.store.datasetSummary({ dataset: 'qa', verdict: 'review' });
      const reviewRuns = qa.filter((r) => coreFigures(r.response, DEFAULTS).verdict === 'review');
      expect(reviewRuns.length).toBeGreaterThan(0);
      expectGroupStats(review.total, reviewRuns, DEFAULTS, 'review only');
      // with thresholds in the query, the verdict filter judges at them too (as the counts do)
      const strictReview = await ctx.store.datasetSummary({
        dataset: 'qa',
        verdict: 'review',
        thresholds: STRICT,
      });
      const strictRuns = qa.filter((r) => coreFigures(r.response, STRICT).verdict === 'review');
      expect(strictRuns.length).not.toBe(reviewRuns.length); // STRICT judges differently here
      expectGroupStats(strictReview.total, strictRuns, STRICT, 'review only, strict');
      expect(strictReview.total.verdicts.publish).toBe(0);
    });

    it('groups by day (UTC), oldest first', async () => {
      const runs = await seed(ctx.store);
      const moved = new Map([
        [runs[0]!.id, '2026-01-02T10:00:00.000Z'],
        [runs[1]!.id, '2026-01-02T23:59:59.999Z'],
        [runs[2]!.id, '2026-01-01T00:00:00.000Z'],
      ]);
      await withDriver(ctx.db.connect(), async (db) => {
        for (const [id, at] of moved) await db.run('UPDATE runs SET created_at = ? WHERE id = ?', [at, id]);
      });
      for (const run of runs) run.createdAt = moved.get(run.id) ?? run.createdAt;
      const summary = await ctx.store.datasetSummary({ groupBy: 'day' });
      const days = [...new Set(runs.map((r) => r.createdAt.slice(0, 10)))].sort();
      expect(days.length).toBe(3);
      expect(summary.groups.map((g) => g.key)).toEqual(days);
      for (const group of summary.groups) {
        expectGroupStats(
          group,
          runs.filter((r) => r.createdAt.startsWith(String(group.key))),
          DEFAULTS,
          String(group.key),
        );
      }
      const second = await ctx.store.datasetSummary({ since: '2026-01-02', until: '2026-01-03' });
      expect(second.total.answers).toBe(2);
    });

    it('counts human decisions in force: any rejected or edited sentence rejects the answer', async () => {
      const store = ctx.store;
      const [a, b, c, d] = await Promise.all(
        [0, 1, 3, 6].map((i) => store.save(newRun({ response: variant(i), dataset: 'qa' }))),
      );
      const decide = (runId: string, sentence: number, decision: 'approved' | 'rejected' | 'edited') =>
        store.review(runId, {
          sentence,
          charStart: 0,
          charEnd: 1,
          text: 'x',
          decision,
          ...(decision === 'edited' ? { editedText: 'y' } : {}),
        });
      await decide(a!.id, 0, 'rejected');
      await decide(a!.id, 0, 'approved'); // the latest decision is in force: approved
      await decide(b!.id, 0, 'approved');
      await decide(b!.id, 0, 'rejected'); // rejected
      await decide(c!.id, 0, 'approved'); // approved
      await decide(d!.id, 0, 'approved');
      await decide(d!.id, 1, 'edited'); // one sentence edited: rejected
      const summary = await store.datasetSummary({ dataset: 'qa' });
      expect(summary.total.reviewed).toEqual({ answers: 4, rejected: 2, approved: 2 });
      await decide(b!.id, 0, 'approved');
      const byModel = await store.datasetSummary({ dataset: 'qa', groupBy: 'model' });
      expect(byModel.total.reviewed).toEqual({ answers: 4, rejected: 1, approved: 3 });
      await store.delete(d!.id);
      expect((await store.datasetSummary({ dataset: 'qa' })).total.reviewed).toEqual({
        answers: 3,
        rejected: 0,
        approved: 3,
      });
    });

    it('lists the low-confidence critical facts, lowest probability first', async () => {
      const runs = await seed(ctx.store);
      const expected = runs
        .filter((r) => r.dataset === 'qa')
        .flatMap((r) => coreFigures(r.response, DEFAULTS).facts.map((f) => ({ runId: r.id, ...f })))
        .sort((x, y) => (x.minProb ?? -1) - (y.minProb ?? -1));
      expect(expected.length).toBeGreaterThan(2);
      const summary = await ctx.store.datasetSummary({ dataset: 'qa', facts: 100 });
      // lowest probability first (the order among equal probabilities is not specified)
      expect(summary.lowConfidenceFacts.map((f) => f.minProb)).toEqual(expected.map((f) => f.minProb));
      const byRun = (x: { runId: string }, y: { runId: string }) => x.runId.localeCompare(y.runId);
      expect([...summary.lowConfidenceFacts].sort(byRun)).toEqual([...expected].sort(byRun));
      expect(summary.total.lowConfidenceFacts).toBe(expected.length);
      const [lowest] = (await ctx.store.datasetSummary({ dataset: 'qa', facts: 1 })).lowConfidenceFacts;
      expect(lowest?.minProb).toBe(expected[0]!.minProb);
      expect((await ctx.store.datasetSummary({ dataset: 'qa', facts: 0 })).lowConfidenceFacts).toEqual([]);
    });

    it('counts the failed batch rows of the dataset', async () => {
      await ctx.store.claimRow('qa', 'row-1', 'w', 60_000);
      await ctx.store.failRow('qa', 'row-1', 'w', 'HTTP 500');
      await ctx.store.claimRow('qa', 'row-2', 'w', 60_000);
      expect((await ctx.store.datasetSummary({ dataset: 'qa' })).failedRows).toBe(1);
      expect((await ctx.store.datasetSummary({ dataset: 'other' })).failedRows).toBe(0);
      expect((await ctx.store.datasetSummary()).failedRows).toBe(0);
    });

    it('an empty store (or filter) gives zeros, no percentiles and an empty histogram', async () => {
      const summary = await ctx.store.datasetSummary({ bins: 4, histogramMin: -2 });
      expect(summary.total).toMatchObject({
        key: 'all',
        answers: 0,
        tokens: 0,
        meanLogprob: null,
        percentiles: null,
        reviewed: { answers: 0, rejected: 0, approved: 0 },
      });
      expect(summary.total.histogram).toEqual([
        { from: -2, to: -1.5, count: 0 },
        { from: -1.5, to: -1, count: 0 },
        { from: -1, to: -0.5, count: 0 },
        { from: -0.5, to: 0, count: 0 },
      ]);
      expect((await ctx.store.datasetSummary({ groupBy: 'model' })).groups).toEqual([]);
      expect(summary.lowConfidenceFacts).toEqual([]);
    });

    it('puts every answer in the histogram bin of its mean logprob; the first bin takes those below', async () => {
      const runs = await seed(ctx.store);
      const summary = await ctx.store.datasetSummary({ bins: 4, histogramMin: -2.2 });
      const means = runs.flatMap((r) => {
        const mean = coreFigures(r.response, DEFAULTS).mean;
        return mean === null ? [] : [mean];
      });
      const edges = [-1.65, -1.1, -0.55];
      // resolution 0.01: no mean here lies that close to an edge between bins
      for (const mean of means) for (const edge of edges) expect(Math.abs(mean - edge)).toBeGreaterThan(0.01);
      const bin = (mean: number) => edges.filter((edge) => mean >= edge).length;
      expect(summary.total.histogram.map((b) => b.count)).toEqual(
        [0, 1, 2, 3].map((i) => means.filter((m) => bin(m) === i).length),
      );
      expect(summary.total.histogram[0]!.count).toBeGreaterThan(0); // -2.72 (seed 003 x 2000) is below -2.2
    });

    it('refuses a bad query with InvalidOptionError naming the option', async () => {
      const bad: Array<[DatasetQuery, string]> = [
        [{ groupBy: 'week' as never }, 'groupBy'],
        [{ bins: 0 }, 'bins'],
        [{ bins: 2.5 }, 'bins'],
        [{ bins: 201 }, 'bins'],
        [{ histogramMin: 0 }, 'histogramMin'],
        [{ histogramMin: -21 }, 'histogramMin'],
        [{ histogramMin: Number.NaN }, 'histogramMin'],
        [{ facts: -1 }, 'facts'],
        [{ facts: 101 }, 'facts'],
        [{ verdict: 'maybe' as never }, 'verdict'],
        [{ since: 'last week' }, 'since'],
        [{ source: 'web' as never }, 'source'],
      ];
      for (const [query, option] of bad) {
        const error = await ctx.store.datasetSummary(query).catch((e: unknown) => e);
        expect(error, JSON.stringify(query)).toBeInstanceOf(InvalidOptionError);
        expect((error as InvalidOptionError).option).toBe(option);
      }
    });
  });
}
