/** Shared suite: datasets: the list, the values to filter by, and the gate thresholds saved on one. */
import { type GateThresholds, InvalidOptionError } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { type Backend, useStore } from '../backends.js';
import { DEFAULTS, lastAt, STRICT, seed } from '../datasetRuns.js';
import { coreFigures, expectGroupStats } from '../expectedFigures.js';
import { newRun } from '../runs.js';

export function datasetCases(backend: Backend): void {
  const ctx = useStore(backend);

  describe('saved thresholds', () => {
    it('uses the thresholds of the query, else those saved on the dataset, else core’s', async () => {
      const runs = await seed(ctx.store);
      const qa = runs.filter((r) => r.dataset === 'qa');
      expect(await ctx.store.datasetSettings('qa')).toEqual({
        name: 'qa',
        thresholds: null,
        thresholdsNote: null,
        updatedAt: null,
      });
      const saved = await ctx.store.saveDatasetThresholds('qa', STRICT, 'calibrate: budget 12 %');
      expect(saved).toMatchObject({
        name: 'qa',
        thresholds: STRICT,
        thresholdsNote: 'calibrate: budget 12 %',
      });
      expect(Date.parse(saved.updatedAt!)).toBeGreaterThan(Date.now() - 60_000);
      expect(await ctx.store.datasetSettings('qa')).toEqual(saved);

      const fromDataset = await ctx.store.datasetSummary({ dataset: 'qa' });
      expect(fromDataset.thresholdsSource).toBe('dataset');
      expect(fromDataset.thresholds).toEqual(STRICT);
      expectGroupStats(fromDataset.total, qa, STRICT, 'dataset thresholds');
      const fromQuery = await ctx.store.datasetSummary({
        dataset: 'qa',
        thresholds: { publish: -0.1, review: -3 },
      });
      expect(fromQuery.thresholdsSource).toBe('query');
      expectGroupStats(fromQuery.total, qa, { publish: -0.1, review: -3 }, 'query thresholds');
      const noDataset = await ctx.store.datasetSummary({ model: 'model-a' });
      expect(noDataset.thresholdsSource).toBe('default');
      expect(noDataset.thresholds).toEqual(DEFAULTS);
      // the dataset's thresholds decide the verdict lists show and filter by
      const listed = await ctx.store.list({ dataset: 'qa', verdict: 'review', limit: 500 });
      expect(listed.runs.map((r) => r.id).sort()).toEqual(
        qa
          .filter((r) => coreFigures(r.response, STRICT).verdict === 'review')
          .map((r) => r.id)
          .sort(),
      );

      const cleared = await ctx.store.saveDatasetThresholds('qa', null);
      expect(cleared.thresholds).toBeNull();
      expect(cleared.thresholdsNote).toBeNull();
      expect((await ctx.store.datasetSummary({ dataset: 'qa' })).thresholdsSource).toBe('default');
    });

    it('refuses wrong thresholds and dataset names (InvalidOptionError), saving nothing', async () => {
      await ctx.store.saveDatasetThresholds('qa', STRICT);
      const before = await ctx.store.datasetSettings('qa');
      for (const thresholds of [
        { publish: -2, review: -1 },
        { publish: 0.5, review: -1 },
        { publish: -0.5, review: Number.NaN },
        { publish: -0.5 },
      ]) {
        await expect(
          ctx.store.saveDatasetThresholds('qa', thresholds as GateThresholds),
          JSON.stringify(thresholds),
        ).rejects.toThrow(InvalidOptionError);
        await expect(ctx.store.datasetSummary({ thresholds: thresholds as GateThresholds })).rejects.toThrow(
          InvalidOptionError,
        );
      }
      expect(await ctx.store.datasetSettings('qa')).toEqual(before);
      for (const name of ['', '   ', 'x'.repeat(201), 7 as unknown as string]) {
        const error = await Promise.resolve()
          .then(() => ctx.store.datasetSettings(name))
          .catch((e: unknown) => e);
        expect(error, JSON.stringify(name)).toBeInstanceOf(InvalidOptionError);
        expect((error as InvalidOptionError).option).toBe('dataset');
        await expect(ctx.store.saveDatasetThresholds(name, STRICT)).rejects.toThrow(InvalidOptionError);
      }
      expect(await ctx.store.datasetSettings(' qa ')).toEqual(before); // trimmed
    });
  });

  describe('datasets and facets', () => {
    it('lists datasets with runs, most recent first, and the values to filter by', async () => {
      const runs = await seed(ctx.store);
      const datasets = await ctx.store.datasets();
      // most recent first: `other` got the last run but one (unless both lasts share a millisecond)
      expect(datasets.map((d) => d.name)).toEqual(
        lastAt(runs, 'other') > lastAt(runs, 'qa')
          ? ['other', 'qa']
          : expect.arrayContaining(['qa', 'other']),
      );
      expect(datasets).toHaveLength(2);
      for (const item of datasets) {
        const members = runs.filter((r) => r.dataset === item.name);
        expect(item).toEqual({
          name: item.name,
          runs: members.length,
          firstAt: members.map((r) => r.createdAt).sort()[0],
          lastAt: lastAt(runs, item.name),
        });
      }
      expect(await ctx.store.facets()).toEqual({
        models: ['model-a', 'model-b', 'model-c', 'solo'],
        promptVersions: ['v1', 'v2', 'v9'],
      });
      expect(await ctx.store.facets('qa')).toEqual({
        models: ['model-a', 'model-b', 'solo'],
        promptVersions: ['v1', 'v2'],
      });
      expect(await ctx.store.facets('nothing')).toEqual({ models: [], promptVersions: [] });
    });

    it('a store without datasets lists none', async () => {
      await ctx.store.save(newRun());
      expect(await ctx.store.datasets()).toEqual([]);
      expect(await ctx.store.facets()).toEqual({ models: ['stories260K.gguf'], promptVersions: [] });
    });
  });
}
