/**
 * Shared suite, with real processes on the built package: a run whose `save` resolved survives
 * `kill -9` of the process, several processes writing one database at once lose nothing, and
 * several batch workers claiming the same rows store each row exactly once.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildProject } from '../../../local/test/buildLocal.js';
import type { RunStore } from '../../src/index.js';
import { type Backend, type TestDatabase, withDriver } from '../backends.js';
import { BATCH_WORKER, killChildren, startChild, startTogether, WRITER } from '../children.js';
import { collect } from '../runs.js';

export function processCases(backend: Backend): void {
  beforeAll(() => buildProject('packages/store'), 180_000);
  // A new database per test, which the children open (and migrate) first; the test reads it after.
  let db: TestDatabase;
  let store: RunStore | undefined;
  beforeEach(async () => {
    db = await backend.createDatabase();
  });
  afterEach(async () => {
    await killChildren();
    await store?.close();
    store = undefined;
    await db.remove();
  });
  const open = async () => {
    store = await db.open();
    return store;
  };

  describe('durability', () => {
    it('every run whose save resolved survives kill -9 of the writing process', async () => {
      const w = startChild(WRITER, [...db.args, 'forever', 'killed']);
      await w.linesPrinted(25);
      w.child.kill('SIGKILL');
      const { signal } = await w.exited;
      expect(signal).toBe('SIGKILL');
      const printed = [...w.lines];
      expect(printed.length).toBeGreaterThanOrEqual(25);

      const store = await open();
      for (const id of printed) expect((await store.get(id)).tags).toEqual(['killed']);
      expect((await store.list({ tag: 'killed' })).total).toBeGreaterThanOrEqual(printed.length);
      if (backend.name === 'sqlite') {
        await withDriver(db.connect(), async (raw) =>
          expect(await raw.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' }),
        );
      }
    });
  });

  describe('concurrency', () => {
    it('three processes opening one new database and writing 60 runs each at once: 180 runs, none lost', async () => {
      // the database is new: the writers migrate it, all at once
      const labels = ['alpha', 'beta', 'gamma'];
      const writers = await startTogether(
        WRITER,
        labels.map((label) => [...db.args, '60', label]),
      );
      const ends = await Promise.all(writers.map((w) => w.exited));
      expect(writers.map((w) => w.stderr())).toEqual(['', '', '']);
      expect(ends.map((e) => e.code)).toEqual([0, 0, 0]);
      for (const w of writers) expect(w.lines).toHaveLength(60);

      const store = await open();
      const all = await store.list({ limit: 500 });
      expect(all.total).toBe(180);
      expect(new Set(all.runs.map((r) => r.id))).toEqual(new Set(writers.flatMap((w) => w.lines)));
      for (const label of labels) {
        expect((await store.list({ tag: label })).total).toBe(60);
        expect((await store.list({ search: label })).total).toBe(60);
      }
    });

    it('three processes claiming and completing the same 60 batch rows store each row exactly once', async () => {
      // A 1 ms lease: the workers keep taking rows over from each other, the hardest case. One worker
      // goes row by row (claimRow, completeRow), two 8 rows at a time (claimRows, completeRows).
      const workers = await startTogether(
        BATCH_WORKER,
        [
          ['w1', '1'],
          ['w2', '8'],
          ['w3', '8'],
        ].map(([worker, chunk]) => [...db.args, 'qa', worker!, '60', '1', chunk!]),
      );
      const ends = await Promise.all(workers.map((w) => w.exited));
      expect(workers.map((w) => w.stderr())).toEqual(['', '', '']);
      expect(ends.map((e) => e.code)).toEqual([0, 0, 0]);

      const printed = workers.flatMap((w) => w.lines.map((line) => line.split(' ') as [string, string]));
      const keys = Array.from({ length: 60 }, (_, i) => `row-${i}`);
      expect(printed.map(([key]) => key).sort()).toEqual([...keys].sort()); // each row stored by one worker
      const store = await open();
      const rows = await collect(store.exportRows({ dataset: 'qa' }));
      expect(rows.map((r) => r.rowKey).sort()).toEqual([...keys].sort());
      expect(new Map(rows.map((r) => [r.rowKey, r.runId]))).toEqual(new Map(printed));
      expect(await store.batchProgress('qa')).toEqual({ dataset: 'qa', done: 60, failed: 0, claimed: 0 });
    });
  });
}
