import { join } from 'node:path';
import type { ReviewDecision } from '@tokenscope/core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newRun, tempDir } from '../test/runs.js';
import { InvalidReviewError } from './errors/InvalidReviewError.js';
import { RunNotFoundError } from './errors/RunNotFoundError.js';
import { migrate, readMigrations, schemaVersion } from './migrate.js';
import { openRunStore } from './openRunStore.js';
import type { RunStore } from './RunStore.js';

let tmp: ReturnType<typeof tempDir>;
let store: RunStore;
beforeEach(() => {
  tmp = tempDir();
  store = openRunStore({ dataDir: tmp.dir });
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

const first: ReviewDecision = {
  sentence: 0,
  charStart: 0,
  charEnd: 12,
  text: 'Andrzej Duda',
  decision: 'approved',
};

describe('review and reviews', () => {
  it('keeps every decision; the latest per sentence is in force; a new connection reads the same', () => {
    const run = store.save(newRun());
    const a = store.review(run.id, first);
    const b = store.review(run.id, {
      sentence: 2,
      charStart: 30,
      charEnd: 41,
      text: 'It is 1889.',
      decision: 'rejected',
      note: '  wrong year  ',
    });
    const c = store.review(run.id, { ...first, decision: 'edited', editedText: 'Andrzej Duda (2015-2025)' });
    expect(a).toMatchObject({ runId: run.id, decision: 'approved', sentence: 0, text: 'Andrzej Duda' });
    expect(a).not.toHaveProperty('editedText');
    expect(a).not.toHaveProperty('note');
    expect(b.note).toBe('wrong year'); // trimmed
    expect(c.id).toBeGreaterThan(b.id);
    expect(b.id).toBeGreaterThan(a.id);
    expect(Date.parse(c.decidedAt)).not.toBeNaN();

    const expected = { runId: run.id, latest: [c, b], history: [a, b, c] };
    expect(store.reviews(run.id)).toEqual(expected);
    const other = openRunStore({ dataDir: tmp.dir });
    expect(other.reviews(run.id)).toEqual(expected);
    other.close();
  });

  it('a run without decisions has none; decisions of one run are not another’s', () => {
    const one = store.save(newRun());
    const two = store.save(newRun());
    store.review(one.id, first);
    expect(store.reviews(two.id)).toEqual({ runId: two.id, latest: [], history: [] });
    expect(store.reviews(one.id).history).toHaveLength(1);
  });

  it.each([
    [{ ...first, decision: 'maybe' }, 'decision', /expected one of "approved"\|"rejected"\|"edited"/],
    [{ ...first, decision: 'edited' }, 'editedText', /needs the corrected sentence/],
    [{ ...first, decision: 'edited', editedText: '  \n' }, 'editedText', /only whitespace/],
    [{ ...first, editedText: 'x' }, 'editedText', /only an edited decision has an edited text/],
    [{ ...first, charStart: 5, charEnd: 4 }, 'charEnd', /expected a value >= charStart \(5\)/],
    [{ ...first, sentence: -1 }, 'sentence', />=0|>= ?0/],
    [{ ...first, sentence: 1.5 }, 'sentence', /int/],
    [{ ...first, text: '' }, 'text', />=1 character/],
    [{ ...first, text: undefined }, 'text', /missing/],
    [{ ...first, note: 'n'.repeat(2001) }, 'note', /<=2000 characters/],
    [{ ...first, text: 'x'.repeat(20_001) }, 'text', /<=20000 characters/],
    [null, 'decision', /expected object/],
  ])('refuses %#: a wrong %s', (input, field, message) => {
    const run = store.save(newRun());
    let error: unknown;
    try {
      store.review(run.id, input as ReviewDecision);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidReviewError);
    expect((error as InvalidReviewError).field).toBe(field);
    expect((error as Error).message).toMatch(/^invalid review field /);
    expect((error as Error).message).toMatch(message);
    expect(store.reviews(run.id).history).toEqual([]);
  });

  it('names an unknown run (RunNotFoundError), also for an id that is not a string', () => {
    expect(() => store.review('r_nope', first)).toThrow(RunNotFoundError);
    expect(() => store.reviews('r_nope')).toThrow(RunNotFoundError);
    expect(() => store.reviews(42 as unknown as string)).toThrow(RunNotFoundError);
  });

  it('deleting a run deletes its decisions (and no other run’s)', () => {
    const gone = store.save(newRun());
    const kept = store.save(newRun());
    store.review(gone.id, first);
    store.review(gone.id, { ...first, decision: 'rejected' });
    store.review(kept.id, first);
    store.delete(gone.id);
    const db = new Database(store.file, { readonly: true });
    expect(db.prepare('SELECT run_id FROM reviews').pluck().all()).toEqual([kept.id]);
    db.close();
    expect(() => store.reviews(gone.id)).toThrow(RunNotFoundError);
    expect(store.reviews(kept.id).history).toHaveLength(1);
  });
});

describe('migration 003', () => {
  it('adds reviews to a store at version 2, keeping its runs', () => {
    store.close();
    const file = join(tmp.dir, 'v2.sqlite');
    const db = new Database(file);
    expect(migrate(db, readMigrations(), file, 2)).toEqual({ from: 0, to: 2 });
    db.close();
    // a run saved by this version's code into a v2 file: the runs table has not changed in 003
    const v2 = new Database(file);
    expect(v2.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'reviews'").pluck().get()).toBe(0);
    v2.close();

    store = openRunStore({ file });
    const run = store.save(newRun({ title: 'Before reviews' }));
    store.close();
    // roll the file back to version 2 without the table, as an older Tokenscope left it
    const old = new Database(file);
    old.exec('DROP TABLE reviews; ALTER TABLE runs DROP COLUMN generation_constraint');
    old.pragma('user_version = 2');
    old.close();

    store = openRunStore({ file });
    expect(store.get(run.id).title).toBe('Before reviews');
    expect(store.review(run.id, first).decision).toBe('approved');
    const check = new Database(file, { readonly: true });
    expect(schemaVersion(check)).toBe(4);
    check.close();
  });

  it('the table refuses what the store never writes (CHECK constraints)', () => {
    const run = store.save(newRun());
    const db = new Database(store.file);
    const insert = db.prepare(
      `INSERT INTO reviews (run_id, sentence, char_start, char_end, text, decision, edited_text, decided_at)
       VALUES (?, 0, 0, 1, 'x', ?, ?, '2026-01-01T00:00:00.000Z')`,
    );
    expect(() => insert.run(run.id, 'edited', null)).toThrow(/CHECK constraint/);
    expect(() => insert.run(run.id, 'approved', 'y')).toThrow(/CHECK constraint/);
    expect(() => insert.run(run.id, 'ok', null)).toThrow(/CHECK constraint/);
    db.close();
  });
});
