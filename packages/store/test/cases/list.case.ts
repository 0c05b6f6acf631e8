/** Shared suite: listing, filtering, paging and full-text search, on any backend. */
import { analyze, gate, InvalidOptionError, type RunQuery } from '@tokenscope/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Backend, useStore } from '../backends.js';
import { newRun, sleep, VARIANTS, variant } from '../runs.js';

export function listCases(backend: Backend): void {
  describe('list and search over 60 runs', () => {
    const ctx = useStore(backend, 'all');
    /** Ids in save order: 60 runs, every third one tagged, models and sources alternating. */
    const ids: string[] = [];
    beforeAll(async () => {
      for (let i = 0; i < 60; i++) {
        const run = await ctx.store.save(
          newRun({
            title: `run number ${i}`,
            model: i % 2 === 0 ? 'stories260K.gguf' : 'gpt-4o',
            source: i % 2 === 0 ? 'local' : 'remote',
            tags: i % 3 === 0 ? ['third'] : [],
            prompt: { kind: 'text', text: i === 7 ? 'Qu’est-ce que la crème brûlée?' : `prompt ${i}` },
          }),
        );
        ids.push(run.id);
      }
    });
    const newestFirst = () => [...ids].reverse();
    const list = (query?: RunQuery) => ctx.store.list(query);
    const total = async (query: RunQuery) => (await list(query)).total;

    it('lists newest first, 50 by default, with the total', async () => {
      const page = await list();
      expect(page.total).toBe(60);
      expect(page.runs.map((r) => r.id)).toEqual(newestFirst().slice(0, 50));
      expect(page.runs[0]).not.toHaveProperty('response');
      expect([...ids].sort()).toEqual(ids); // ids sort by creation time
    });

    it('pages with limit and offset; caps limit at 500', async () => {
      expect((await list({ limit: 7, offset: 14 })).runs.map((r) => r.id)).toEqual(
        newestFirst().slice(14, 21),
      );
      expect((await list({ limit: 10, offset: 55 })).runs).toHaveLength(5);
      expect(await list({ offset: 100 })).toEqual({ runs: [], total: 60 });
      expect((await list({ limit: 10_000 })).runs).toHaveLength(60);
    });

    it('filters by tag, source and model, combined, with the total of the filter', async () => {
      expect(await total({ tag: 'third' })).toBe(20);
      expect(await total({ tag: ' THIRD ' })).toBe(20);
      expect((await list({ source: 'remote' })).runs.every((r) => r.model === 'gpt-4o')).toBe(true);
      const both = await list({ tag: 'third', model: 'gpt-4o', limit: 3 });
      expect(both.total).toBe(10); // i = 3, 9, 15, ... 57
      expect(both.runs.map((r) => r.id)).toEqual([ids[57], ids[51], ids[45]]);
      expect(await total({ model: 'nope' })).toBe(0);
    });

    it('rejects a bad query with InvalidOptionError naming the option', async () => {
      const bad: Array<[object, string]> = [
        [{ limit: 0 }, 'limit'],
        [{ limit: 2.5 }, 'limit'],
        [{ offset: -1 }, 'offset'],
        [{ source: 'web' }, 'source'],
        [{ search: 42 }, 'search'],
        [{ verdict: 'maybe' }, 'verdict'],
        [{ verdict: 7 }, 'verdict'],
        [{ since: 'yesterday' }, 'since'],
        [{ until: '2026-13-45' }, 'until'],
        [{ dataset: 3 }, 'dataset'],
        [{ promptVersion: {} }, 'promptVersion'],
      ];
      for (const [query, option] of bad) {
        const error = await list(query as RunQuery).catch((e: unknown) => e);
        expect(error, JSON.stringify(query)).toBeInstanceOf(InvalidOptionError);
        expect((error as InvalidOptionError).option).toBe(option);
        expect((error as Error).message).toContain(`invalid ${option}`);
      }
    });

    it('search matches words in title, prompt, answer, model and tags, by prefix, all words required', async () => {
      const titles = async (search: string) => (await list({ search })).runs.map((r) => r.title);
      expect(await titles('number 12')).toEqual(['run number 12']);
      expect(await titles('prompt 13')).toEqual(['run number 13']);
      expect(await total({ search: 'andrz' })).toBe(60); // the answer, "Andrzej Duda", by prefix
      expect(await total({ search: 'gpt' })).toBe(30);
      expect(await total({ search: 'third gpt' })).toBe(10);
      expect((await list({ search: 'numb 59' })).runs.map((r) => r.id)).toEqual([ids[59]]);
      expect((await list({ search: 'creme BRULEE' })).runs.map((r) => r.id)).toEqual([ids[7]]); // diacritics folded
      expect(await total({ search: 'zebra' })).toBe(0);
    });

    it('search never fails on query syntax in the text: it is searched as text', async () => {
      const hostile = [
        '"',
        '""',
        '"unterminated',
        '*',
        'run*',
        '-',
        '-run',
        'title:run',
        ':',
        'OR',
        'run OR',
        'AND run',
        'NOT',
        'NEAR(run number)',
        '(',
        ')',
        '^run',
        '{title}: x',
        "'; DROP TABLE runs; --",
        '!run & | <-> :*',
        '\u0000',
        '🙂 run',
        'x'.repeat(5000),
        'a '.repeat(500),
      ];
      for (const search of hostile) {
        await expect(list({ search }), search).resolves.toBeDefined();
      }
      expect(await total({ search: 'run*' })).toBe(60); // the star is a prefix anyway
      expect(await total({ search: 'title:run' })).toBe(0); // "title run" as a phrase, not a column filter
      expect((await list({ search: '"run number 12"' })).runs.map((r) => r.title)).toEqual(['run number 12']);
      expect(await total({ search: '"number 5' })).toBe(11); // 5 and 50..59: each word is a prefix
      expect(await total({ search: 'run OR zebra' })).toBe(0); // OR is a word here, and no run has it
      expect(await total({ search: '- * :' })).toBe(60); // no word at all: no search
      expect(await total({})).toBe(60);
    });
  });

  describe('filters of datasets', () => {
    const ctx = useStore(backend);

    it('filters by dataset, prompt version and verdict (at the dataset’s thresholds, else core’s)', async () => {
      const store = ctx.store;
      const saved: Array<{ id: string; dataset: string; promptVersion: string; variant: number }> = [];
      for (let i = 0; i < VARIANTS.length * 2; i++) {
        const dataset = i % 2 === 0 ? 'alpha' : 'beta';
        const promptVersion = i < VARIANTS.length ? 'v1' : 'v2';
        const run = await store.save(newRun({ response: variant(i), dataset, promptVersion }));
        saved.push({ id: run.id, dataset, promptVersion, variant: i });
      }
      const strict = { publish: -0.2, review: -1 };
      await store.saveDatasetThresholds('beta', strict);
      const verdictOf = (s: (typeof saved)[number]) =>
        gate(analyze(variant(s.variant)), s.dataset === 'beta' ? strict : {}).verdict;
      const ids = async (query: RunQuery) =>
        (await store.list({ ...query, limit: 500 })).runs.map((r) => r.id).sort();
      const expected = (keep: (s: (typeof saved)[number]) => boolean) =>
        saved
          .filter(keep)
          .map((s) => s.id)
          .sort();

      expect(await ids({ dataset: 'alpha' })).toEqual(expected((s) => s.dataset === 'alpha'));
      expect(await ids({ dataset: ' beta ' })).toEqual(expected((s) => s.dataset === 'beta'));
      expect(await ids({ dataset: 'gamma' })).toEqual([]);
      expect(await ids({ promptVersion: 'v2' })).toEqual(expected((s) => s.promptVersion === 'v2'));
      expect(await ids({ dataset: 'alpha', promptVersion: 'v1' })).toEqual(
        expected((s) => s.dataset === 'alpha' && s.promptVersion === 'v1'),
      );
      for (const verdict of ['publish', 'review'] as const) {
        const want = expected((s) => verdictOf(s) === verdict);
        expect(want.length).toBeGreaterThan(0);
        expect(await ids({ verdict })).toEqual(want);
        expect(await ids({ verdict, dataset: 'beta' })).toEqual(
          expected((s) => s.dataset === 'beta' && verdictOf(s) === verdict),
        );
      }
      // the verdict each list item shows is the one the filter uses
      for (const item of (await store.list({ limit: 500 })).runs) {
        expect(item.verdict).toBe(verdictOf(saved.find((s) => s.id === item.id)!));
      }
    });

    it('filters by time: since (inclusive) and until (exclusive), dates or times', async () => {
      const store = ctx.store;
      const before = await store.save(newRun({ title: 'before' }));
      await sleep(5);
      const boundary = new Date().toISOString();
      await sleep(5);
      const after = await store.save(newRun({ title: 'after' }));
      const ids = async (query: RunQuery) => (await store.list(query)).runs.map((r) => r.id);

      expect(await ids({ since: boundary })).toEqual([after.id]);
      expect(await ids({ until: boundary })).toEqual([before.id]);
      expect(await ids({ since: before.createdAt, until: after.createdAt })).toEqual([before.id]);
      expect(await ids({ since: after.createdAt })).toEqual([after.id]);
      const today = boundary.slice(0, 10);
      const tomorrow = new Date(Date.parse(today) + 86_400_000).toISOString().slice(0, 10);
      expect(await ids({ since: today })).toEqual([after.id, before.id]);
      expect(await ids({ since: tomorrow })).toEqual([]);
      expect(await ids({ until: today })).toEqual([]);
      expect(await ids({ since: '', until: '' })).toEqual([after.id, before.id]); // empty: no filter
      // another time zone: the same instant
      const shifted = new Date(Date.parse(boundary)).toISOString().replace('Z', '+00:00');
      expect(await ids({ since: shifted })).toEqual([after.id]);
    });
  });
}
