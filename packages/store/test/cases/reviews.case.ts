/** Shared suite: review decisions on a run's sentences, on any backend. */
import type { ReviewDecision } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { InvalidReviewError, RunNotFoundError } from '../../src/index.js';
import { type Backend, useStore, withDriver } from '../backends.js';
import { newRun } from '../runs.js';

const first: ReviewDecision = {
  sentence: 0,
  charStart: 0,
  charEnd: 12,
  text: 'Andrzej Duda',
  decision: 'approved',
};

export function reviewCases(backend: Backend): void {
  const ctx = useStore(backend);

  describe('review and reviews', () => {
    it('keeps every decision; the latest per sentence is in force; a new connection reads the same', async () => {
      const store = ctx.store;
      const run = await store.save(newRun());
      const a = await store.review(run.id, first);
      const b = await store.review(run.id, {
        sentence: 2,
        charStart: 30,
        charEnd: 41,
        text: 'It is 1889.',
        decision: 'rejected',
        note: '  wrong year  ',
      });
      const c = await store.review(run.id, {
        ...first,
        decision: 'edited',
        editedText: 'Andrzej Duda (2015-2025)',
      });
      expect(a).toMatchObject({ runId: run.id, decision: 'approved', sentence: 0, text: 'Andrzej Duda' });
      expect(a).not.toHaveProperty('editedText');
      expect(a).not.toHaveProperty('note');
      expect(typeof a.id).toBe('number');
      expect(b.note).toBe('wrong year'); // trimmed
      expect(c.id).toBeGreaterThan(b.id);
      expect(b.id).toBeGreaterThan(a.id);
      expect(Date.parse(c.decidedAt)).not.toBeNaN();

      const expected = { runId: run.id, latest: [c, b], history: [a, b, c] };
      expect(await store.reviews(run.id)).toEqual(expected);
      const other = await ctx.db.open(); // a second connection while the first is open
      try {
        expect(await other.reviews(run.id)).toEqual(expected);
      } finally {
        await other.close();
      }
    });

    it('a run without decisions has none; decisions of one run are not another’s', async () => {
      const one = await ctx.store.save(newRun());
      const two = await ctx.store.save(newRun());
      await ctx.store.review(one.id, first);
      expect(await ctx.store.reviews(two.id)).toEqual({ runId: two.id, latest: [], history: [] });
      expect((await ctx.store.reviews(one.id)).history).toHaveLength(1);
    });

    it.each([
      ['decision', { ...first, decision: 'maybe' }, /expected one of "approved"\|"rejected"\|"edited"/],
      ['editedText', { ...first, decision: 'edited' }, /needs the corrected sentence/],
      ['editedText', { ...first, decision: 'edited', editedText: '  \n' }, /only whitespace/],
      ['editedText', { ...first, editedText: 'x' }, /only an edited decision has an edited text/],
      ['charEnd', { ...first, charStart: 5, charEnd: 4 }, /expected a value >= charStart \(5\)/],
      ['sentence', { ...first, sentence: -1 }, />=0|>= ?0/],
      ['sentence', { ...first, sentence: 1.5 }, /int/],
      ['text', { ...first, text: '' }, />=1 character/],
      ['text', { ...first, text: undefined }, /missing/],
      ['note', { ...first, note: 'n'.repeat(2001) }, /<=2000 characters/],
      ['text', { ...first, text: 'x'.repeat(20_001) }, /<=20000 characters/],
      ['decision', null, /expected object/],
    ] as const)('refuses a wrong %s (%#)', async (field, input, message) => {
      const run = await ctx.store.save(newRun());
      const error = await ctx.store.review(run.id, input as ReviewDecision).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidReviewError);
      expect((error as InvalidReviewError).field).toBe(field);
      expect((error as Error).message).toMatch(/^invalid review field /);
      expect((error as Error).message).toMatch(message);
      expect((await ctx.store.reviews(run.id)).history).toEqual([]);
    });

    it('names an unknown run (RunNotFoundError), also for an id that is not a string', async () => {
      await expect(ctx.store.review('r_nope', first)).rejects.toThrow(RunNotFoundError);
      await expect(ctx.store.reviews('r_nope')).rejects.toThrow(RunNotFoundError);
      await expect(ctx.store.reviews(42 as unknown as string)).rejects.toThrow(RunNotFoundError);
    });

    it('deleting a run deletes its decisions (and no other run’s)', async () => {
      const store = ctx.store;
      const gone = await store.save(newRun());
      const kept = await store.save(newRun());
      await store.review(gone.id, first);
      await store.review(gone.id, { ...first, decision: 'rejected' });
      await store.review(kept.id, first);
      await store.delete(gone.id);
      const left = await withDriver(ctx.db.connect(), (db) =>
        db.all<{ run_id: string }>('SELECT run_id FROM reviews'),
      );
      expect(left.map((r) => r.run_id)).toEqual([kept.id]);
      await expect(store.reviews(gone.id)).rejects.toThrow(RunNotFoundError);
      expect((await store.reviews(kept.id)).history).toHaveLength(1);
    });

    it('the table refuses what the store never writes (CHECK constraints)', async () => {
      const run = await ctx.store.save(newRun());
      await withDriver(ctx.db.connect(), async (db) => {
        const insert = (decision: string, edited: string | null) =>
          db.run(
            `INSERT INTO reviews (run_id, sentence, char_start, char_end, text, decision, edited_text, decided_at)
             VALUES (?, 0, 0, 1, 'x', ?, ?, '2026-01-01T00:00:00.000Z')`,
            [run.id, decision, edited],
          );
        await expect(insert('edited', null)).rejects.toThrow(/check constraint/i);
        await expect(insert('approved', 'y')).rejects.toThrow(/check constraint/i);
        await expect(insert('ok', null)).rejects.toThrow(/check constraint/i);
        await insert('approved', null);
      });
      expect((await ctx.store.reviews(run.id)).history).toHaveLength(1);
    });
  });
}
