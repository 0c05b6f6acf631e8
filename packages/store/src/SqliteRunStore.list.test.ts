import { InvalidOptionError } from '@tokenscope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRun, tempDir } from '../test/runs.js';
import { openRunStore } from './openRunStore.js';
import type { RunStore } from './RunStore.js';

let tmp: ReturnType<typeof tempDir>;
let store: RunStore;
/** Ids in save order: 60 runs, every third one tagged, models and sources alternating. */
const ids: string[] = [];

beforeAll(() => {
  tmp = tempDir();
  store = openRunStore({ dataDir: tmp.dir });
  for (let i = 0; i < 60; i++) {
    const run = store.save(
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
afterAll(() => {
  store.close();
  tmp.cleanup();
});

const newestFirst = () => [...ids].reverse();

describe('list', () => {
  it('lists newest first, 50 by default, with the total', () => {
    const page = store.list();
    expect(page.total).toBe(60);
    expect(page.runs.map((r) => r.id)).toEqual(newestFirst().slice(0, 50));
    expect(page.runs[0]).not.toHaveProperty('response');
    expect([...ids].sort()).toEqual(ids); // ids sort by creation time
  });

  it('pages with limit and offset; caps limit at 500', () => {
    expect(store.list({ limit: 7, offset: 14 }).runs.map((r) => r.id)).toEqual(newestFirst().slice(14, 21));
    expect(store.list({ limit: 10, offset: 55 }).runs).toHaveLength(5);
    expect(store.list({ offset: 100 })).toEqual({ runs: [], total: 60 });
    expect(store.list({ limit: 10_000 }).runs).toHaveLength(60);
  });

  it('filters by tag, source and model, combined, with the total of the filter', () => {
    expect(store.list({ tag: 'third' }).total).toBe(20);
    expect(store.list({ tag: ' THIRD ' }).total).toBe(20);
    expect(store.list({ source: 'remote' }).runs.every((r) => r.model === 'gpt-4o')).toBe(true);
    const both = store.list({ tag: 'third', model: 'gpt-4o', limit: 3 });
    expect(both.total).toBe(10); // i = 3, 9, 15, ... 57
    expect(both.runs.map((r) => r.id)).toEqual([ids[57], ids[51], ids[45]]);
    expect(store.list({ model: 'nope' }).total).toBe(0);
  });

  it('rejects a bad query with InvalidOptionError naming the option', () => {
    const bad: Array<[object, string]> = [
      [{ limit: 0 }, 'limit'],
      [{ limit: 2.5 }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ source: 'web' }, 'source'],
      [{ search: 42 }, 'search'],
    ];
    for (const [query, option] of bad) {
      expect(() => store.list(query)).toThrow(InvalidOptionError);
      expect(() => store.list(query)).toThrow(`invalid ${option}`);
    }
  });
});

describe('search', () => {
  it('matches words in title, prompt, answer, model and tags, by prefix, all words required', () => {
    expect(store.list({ search: 'number 12' }).runs.map((r) => r.title)).toEqual(['run number 12']);
    expect(store.list({ search: 'prompt 13' }).runs.map((r) => r.title)).toEqual(['run number 13']);
    expect(store.list({ search: 'andrz' }).total).toBe(60); // the answer, "Andrzej Duda", by prefix
    expect(store.list({ search: 'gpt' }).total).toBe(30);
    expect(store.list({ search: 'third gpt' }).total).toBe(10);
    expect(store.list({ search: 'numb 59' }).runs.map((r) => r.id)).toEqual([ids[59]]);
    expect(store.list({ search: 'creme BRULEE' }).runs.map((r) => r.id)).toEqual([ids[7]]); // diacritics folded
    expect(store.list({ search: 'zebra' }).total).toBe(0);
  });

  it('never fails on FTS5 syntax in the query: it is searched as text', () => {
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
      '\u0000',
      '🙂 run',
      'x'.repeat(5000),
      'a '.repeat(500),
    ];
    for (const search of hostile) {
      expect(() => store.list({ search }), search).not.toThrow();
    }
    expect(store.list({ search: 'run*' }).total).toBe(60); // the star is a prefix anyway
    expect(store.list({ search: 'title:run' }).total).toBe(0); // "title run" as a phrase, not a column filter
    expect(store.list({ search: '"run number 12"' }).runs.map((r) => r.title)).toEqual(['run number 12']);
    expect(store.list({ search: '"number 5' }).total).toBe(11); // 5 and 50..59: each word is a prefix
    expect(store.list({ search: 'run OR zebra' }).total).toBe(0); // OR is a word here, and no run has it
    expect(store.list({ search: '- * :' }).total).toBe(60); // no word at all: no search
    expect(store.list().total).toBe(60);
  });
});
