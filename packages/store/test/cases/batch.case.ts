/** Shared suite: batch rows (claim, lease, complete, fail, release, progress), on any backend. */
import { describe, expect, it } from 'vitest';
import { InvalidRunError } from '../../src/index.js';
import { type Backend, useStore } from '../backends.js';
import { collect, newRun, sleep } from '../runs.js';

const MINUTE = 60_000;

export function batchCases(backend: Backend): void {
  const ctx = useStore(backend);
  /** The runs stored for the dataset's rows, as exported. */
  const stored = async (dataset: string) =>
    (await collect(ctx.store.exportRows({ dataset }))).map((r) => ({ runId: r.runId, rowKey: r.rowKey }));

  describe('batch rows', () => {
    it('claim, busy for another worker, complete stores exactly one run, then done for everyone', async () => {
      const store = ctx.store;
      expect(await store.claimRow('qa', 'row-1', 'w1', MINUTE)).toBe('claimed');
      expect(await store.claimRow('qa', 'row-1', 'w2', MINUTE)).toBe('busy');
      expect(await store.claimRow('other', 'row-1', 'w2', MINUTE)).toBe('claimed'); // another dataset's row
      expect(await store.claimRow('qa', 'row-1', 'w1', MINUTE)).toBe('claimed'); // its own claim, renewed
      expect(await store.completeRow('qa', 'row-1', 'w2', newRun())).toBeNull(); // w2 does not hold it

      const run = await store.completeRow(
        'qa',
        'row-1',
        'w1',
        newRun({ dataset: 'ignored', expected: 'Andrzej Duda' }),
      );
      expect(run).not.toBeNull();
      expect(run!.dataset).toBe('qa'); // the row's dataset wins
      expect(await store.get(run!.id)).toStrictEqual(run);
      expect(await stored('qa')).toEqual([{ runId: run!.id, rowKey: 'row-1' }]);

      for (const worker of ['w1', 'w2'])
        expect(await store.claimRow('qa', 'row-1', worker, MINUTE)).toBe('done');
      expect(await store.completeRow('qa', 'row-1', 'w1', newRun())).toBeNull(); // done already: nothing stored
      expect((await store.list({ dataset: 'qa' })).total).toBe(1);
      expect(await store.batchProgress('qa')).toEqual({ dataset: 'qa', done: 1, failed: 0, claimed: 0 });
      expect(await store.batchProgress('other')).toEqual({
        dataset: 'other',
        done: 0,
        failed: 0,
        claimed: 1,
      });
      expect(await store.batchProgress('none')).toEqual({ dataset: 'none', done: 0, failed: 0, claimed: 0 });
    });

    it('a lease that ran out is taken over; the first worker then stores nothing', async () => {
      const store = ctx.store;
      expect(await store.claimRow('qa', 'row-1', 'w1', 1)).toBe('claimed');
      await sleep(10);
      expect(await store.claimRow('qa', 'row-1', 'w2', MINUTE)).toBe('claimed');
      expect(await store.completeRow('qa', 'row-1', 'w1', newRun({ title: 'late' }))).toBeNull();
      expect((await store.list()).total).toBe(0);
      const run = await store.completeRow('qa', 'row-1', 'w2', newRun({ title: 'in time' }));
      expect(run?.title).toBe('in time');
      expect(await stored('qa')).toEqual([{ runId: run!.id, rowKey: 'row-1' }]);
      expect((await store.list()).total).toBe(1);
    });

    it('a failed row is not tried again by the same batch, and is by a later one', async () => {
      const store = ctx.store;
      const batchStart = Date.now();
      expect(await store.claimRow('qa', 'row-1', 'w1', MINUTE, batchStart)).toBe('claimed');
      await store.failRow('qa', 'row-1', 'w1', 'HTTP 500: upstream error');
      expect(await store.claimRow('qa', 'row-1', 'w1', MINUTE, batchStart)).toBe('busy');
      expect(await store.claimRow('qa', 'row-1', 'w2', MINUTE, batchStart)).toBe('busy');
      expect(await store.batchProgress('qa')).toEqual({ dataset: 'qa', done: 0, failed: 1, claimed: 0 });
      const [failure] = await store.failedRows('qa');
      expect(failure).toEqual({
        rowKey: 'row-1',
        error: 'HTTP 500: upstream error',
        attempts: 1,
        updatedAt: expect.any(String),
      });
      expect(Date.parse(failure!.updatedAt)).toBeGreaterThanOrEqual(batchStart);

      const nextBatch = Date.now() + 1;
      expect(await store.claimRow('qa', 'row-1', 'w2', MINUTE, nextBatch)).toBe('claimed');
      expect(await store.failedRows('qa')).toEqual([]);
      await store.failRow('qa', 'row-1', 'w1', 'not its row any more'); // ignored: w2 holds it
      await store.failRow('qa', 'row-1', 'w2', 'x'.repeat(5000));
      const [again] = await store.failedRows('qa');
      expect(again!.attempts).toBe(2);
      expect(again!.error).toBe('x'.repeat(2000)); // kept short
      expect(await store.claimRow('qa', 'row-1', 'w3', MINUTE, Date.now() + 1)).toBe('claimed');
      expect(await store.completeRow('qa', 'row-1', 'w3', newRun())).not.toBeNull();
      expect(await store.batchProgress('qa')).toEqual({ dataset: 'qa', done: 1, failed: 0, claimed: 0 });
    });

    it('lists failed rows, oldest failure first, up to a limit', async () => {
      const store = ctx.store;
      for (const key of ['c', 'a', 'b', 'd']) {
        await store.claimRow('qa', key, 'w', MINUTE);
        await store.failRow('qa', key, 'w', `error ${key}`);
        await sleep(2);
      }
      await store.claimRow('other', 'a', 'w', MINUTE);
      await store.failRow('other', 'a', 'w', 'elsewhere');
      expect((await store.failedRows('qa')).map((f) => [f.rowKey, f.error])).toEqual([
        ['c', 'error c'],
        ['a', 'error a'],
        ['b', 'error b'],
        ['d', 'error d'],
      ]);
      expect((await store.failedRows('qa', 2)).map((f) => f.rowKey)).toEqual(['c', 'a']);
    });

    it('releaseClaims ends a worker’s leases in one dataset at once; renewClaims extends them', async () => {
      const store = ctx.store;
      const before = Date.now();
      for (const key of ['a', 'b']) expect(await store.claimRow('qa', key, 'w1', 200)).toBe('claimed');
      expect(await store.claimRow('qa', 'c', 'w2', MINUTE)).toBe('claimed');
      expect(await store.claimRow('other', 'a', 'w1', MINUTE)).toBe('claimed');
      await store.renewClaims('qa', 'w1', MINUTE);
      await sleep(250); // past the first lease: only the renewal holds them now
      expect(await store.claimRow('qa', 'a', 'w3', MINUTE)).toBe('busy');

      const claims = await store.openClaims('qa');
      expect(claims.map((c) => [c.rowKey, c.worker])).toEqual([
        ['a', 'w1'],
        ['b', 'w1'],
        ['c', 'w2'],
      ]);
      for (const claim of claims) {
        expect(typeof claim.leaseUntil).toBe('number');
        expect(claim.leaseUntil).toBeGreaterThanOrEqual(before + MINUTE);
        expect(claim.leaseUntil).toBeLessThanOrEqual(Date.now() + MINUTE);
      }

      expect(await store.releaseClaims('qa', 'w1')).toBe(2);
      expect(await store.releaseClaims('qa', 'nobody')).toBe(0);
      expect(await store.claimRow('qa', 'a', 'w3', MINUTE)).toBe('claimed');
      expect(await store.claimRow('qa', 'c', 'w3', MINUTE)).toBe('busy'); // w2's lease is untouched
      expect(await store.claimRow('other', 'a', 'w3', MINUTE)).toBe('busy'); // another dataset: untouched
      expect(await store.completeRow('qa', 'a', 'w1', newRun())).toBeNull();
      expect(await store.batchProgress('qa')).toEqual({ dataset: 'qa', done: 0, failed: 0, claimed: 3 });
    });

    it('a run that fails validation is not stored and the row stays claimed', async () => {
      const store = ctx.store;
      expect(await store.claimRow('qa', 'row-1', 'w1', MINUTE)).toBe('claimed');
      const bad = { ...newRun(), model: 42 } as never;
      await expect(store.completeRow('qa', 'row-1', 'w1', bad)).rejects.toThrow(InvalidRunError);
      expect(await store.batchProgress('qa')).toEqual({ dataset: 'qa', done: 0, failed: 0, claimed: 1 });
      expect((await store.list()).total).toBe(0);
      expect(await store.completeRow('qa', 'row-1', 'w1', newRun())).not.toBeNull();
    });

    it('claimRows claims several rows in one call: claimed, done or busy per key', async () => {
      const store = ctx.store;
      expect(await store.claimRow('qa', 'b', 'w2', MINUTE)).toBe('claimed');
      expect(await store.claimRow('qa', 'd', 'w2', MINUTE)).toBe('claimed');
      expect(await store.completeRow('qa', 'd', 'w2', newRun())).not.toBeNull();
      const states = await store.claimRows('qa', ['c', 'a', 'b', 'd', 'a'], 'w1', MINUTE);
      expect(Object.fromEntries(states)).toEqual({ a: 'claimed', b: 'busy', c: 'claimed', d: 'done' });
      expect((await store.openClaims('qa')).map((c) => [c.rowKey, c.worker])).toEqual([
        ['a', 'w1'],
        ['b', 'w2'],
        ['c', 'w1'],
      ]);
      expect(await store.claimRows('qa', [], 'w1', MINUTE)).toEqual(new Map());
      // a failed row, as with claimRow: not again in the same batch, again in a later one
      const batchStart = Date.now();
      await store.failRow('qa', 'a', 'w1', 'bad row');
      expect((await store.claimRows('qa', ['a'], 'w1', MINUTE, batchStart)).get('a')).toBe('busy');
      expect((await store.claimRows('qa', ['a'], 'w1', MINUTE, Date.now() + 1)).get('a')).toBe('claimed');
    });

    it('completeRows stores the rows the worker holds in one call; the others give null', async () => {
      const store = ctx.store;
      expect(Object.fromEntries(await store.claimRows('qa', ['a', 'b', 'c'], 'w1', MINUTE))).toEqual({
        a: 'claimed',
        b: 'claimed',
        c: 'claimed',
      });
      await store.releaseClaims('qa', 'w1');
      expect(await store.claimRow('qa', 'b', 'w2', MINUTE)).toBe('claimed'); // b was taken over
      expect(await store.claimRows('qa', ['a', 'c'], 'w1', MINUTE)).toEqual(
        new Map([
          ['a', 'claimed'],
          ['c', 'claimed'],
        ]),
      );
      const records = await store.completeRows('qa', 'w1', [
        { rowKey: 'c', run: newRun({ title: 'row c' }) },
        { rowKey: 'b', run: newRun({ title: 'row b' }) },
        { rowKey: 'a', run: newRun({ title: 'row a', dataset: 'ignored' }) },
      ]);
      expect(records.map((r) => r?.title ?? null)).toEqual(['row c', null, 'row a']); // in the order given
      expect(records[2]!.dataset).toBe('qa');
      expect((await stored('qa')).map((r) => r.rowKey).sort()).toEqual(['a', 'c']);
      expect(await store.completeRows('qa', 'w1', [])).toEqual([]);
      expect(await store.batchProgress('qa')).toEqual({ dataset: 'qa', done: 2, failed: 0, claimed: 1 });
    });

    it('completeRows with one invalid run saves none of them (and rejects)', async () => {
      const store = ctx.store;
      await store.claimRows('qa', ['a', 'b'], 'w1', MINUTE);
      const rows = [
        { rowKey: 'a', run: newRun() },
        { rowKey: 'b', run: { ...newRun(), source: 'web' } as never },
      ];
      let result: Promise<unknown> | undefined;
      expect(() => {
        result = store.completeRows('qa', 'w1', rows);
      }).not.toThrow();
      await expect(result).rejects.toThrow(InvalidRunError);
      expect((await store.list()).total).toBe(0);
      expect(await store.batchProgress('qa')).toEqual({ dataset: 'qa', done: 0, failed: 0, claimed: 2 });
    });

    it('many workers of one process claiming the same rows at once store each row once', async () => {
      const store = ctx.store;
      const keys = Array.from({ length: 12 }, (_, i) => `row-${i}`);
      const worker = async (name: string) => {
        const mine: string[] = [];
        for (const key of keys) {
          if ((await store.claimRow('qa', key, name, MINUTE)) !== 'claimed') continue;
          if ((await store.completeRow('qa', key, name, newRun({ title: `${name} ${key}` }))) !== null)
            mine.push(key);
        }
        return mine;
      };
      const done = (await Promise.all(['w1', 'w2', 'w3'].map(worker))).flat();
      expect(done.sort()).toEqual([...keys].sort());
      const rows = await stored('qa');
      expect(rows.map((r) => r.rowKey).sort()).toEqual([...keys].sort());
      expect(await store.batchProgress('qa')).toEqual({ dataset: 'qa', done: 12, failed: 0, claimed: 0 });
    });
  });
}
