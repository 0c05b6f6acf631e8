import { summarizeRun } from '@tokenscope/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureResponse, newRun, STORIES, tempDir } from '../test/runs.js';
import { RunNotFoundError } from './errors/RunNotFoundError.js';
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

describe('save and get', () => {
  it('gives back every field as saved, the response deep-equal, from a fresh connection too', () => {
    const response = fixtureResponse(STORIES);
    const run = newRun({
      source: 'local',
      title: '  Stories  ',
      tags: ['Demo', ' demo ', 'tiny model'],
      endpoint: 'http://127.0.0.1:8080/v1',
      provider: 'openai-chat',
      prompt: {
        kind: 'chat',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Tell a story' },
        ],
      },
      params: { temperature: 0.7, topP: 0.9, maxTokens: 16, topLogprobs: 'all', seed: 7, stop: ['\n'] },
      response,
      promptText: '<s>Tell a story',
      promptTokenIds: [1, 42, 7],
      fileName: 'story.json',
      constraint: { kind: 'json-schema', schema: { type: 'object', properties: { a: { type: 'string' } } } },
    });
    const saved = store.save(run);
    expect(saved.id).toMatch(/^r_[0-9a-z]{26}$/);
    expect(saved.title).toBe('Stories');
    expect(saved.tags).toEqual(['demo', 'tiny model']);
    expect(saved.createdAt).toBe(saved.updatedAt);
    expect(Date.parse(saved.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(saved.summary).toEqual(summarizeRun(response));

    const got = store.get(saved.id);
    expect(got).toStrictEqual(saved);
    expect(got.response).toStrictEqual(response);
    const { title: _t, tags: _g, ...rest } = run;
    expect(got).toMatchObject(rest);

    store.close();
    store = openRunStore({ dataDir: tmp.dir });
    expect(store.get(saved.id)).toStrictEqual(saved);
  });

  it('keeps a provider raw value of -Infinity and sentinel tokens', () => {
    const response = fixtureResponse(STORIES);
    const first = response.completions[0]!.tokens[0]!;
    first.logprob = null;
    first.raw = Number.NEGATIVE_INFINITY;
    const saved = store.save(newRun({ response }));
    const token = store.get(saved.id).response.completions[0]!.tokens[0]!;
    expect(token.raw).toBe(Number.NEGATIVE_INFINITY);
    expect(token.logprob).toBeNull();
  });

  it('leaves optional fields absent, and stores a run without prompt (an import)', () => {
    const saved = store.save(newRun({ source: 'import', prompt: null, fileName: 'seed003.json' }));
    const got = store.get(saved.id);
    expect(got.prompt).toBeNull();
    expect(got.title).toBe('seed003.json');
    for (const key of ['endpoint', 'provider', 'promptText', 'promptTokenIds', 'branch', 'constraint']) {
      expect(Object.hasOwn(got, key)).toBe(false);
    }
    expect(store.list().runs[0]!.promptPreview).toBe('');
  });

  it('titles: first prompt line, last user message, shortened, or "Untitled run"', () => {
    const long = `${'word '.repeat(40)}end`;
    const titles = [
      newRun({ prompt: { kind: 'text', text: '\n\n  First   line  \nsecond' } }),
      newRun({
        prompt: {
          kind: 'chat',
          messages: [
            { role: 'system', content: 'sys' },
            { role: 'user', content: 'old question' },
            { role: 'assistant', content: 'answer' },
            { role: 'user', content: 'New question?' },
          ],
        },
      }),
      newRun({ prompt: { kind: 'text', text: long } }),
      newRun({ prompt: null }),
      newRun({ prompt: { kind: 'text', text: '   ' }, fileName: 'x.json' }),
    ].map((run) => store.save(run).title);
    expect(titles[0]).toBe('First line');
    expect(titles[1]).toBe('New question?');
    expect(titles[2]).toMatch(/^word( word)+…$/);
    expect([...titles[2]!].length).toBeLessThanOrEqual(80);
    expect(titles.slice(3)).toEqual(['Untitled run', 'x.json']);
  });

  it('previews hold the first 200 characters of the prompt and the answer', () => {
    const text = 'x'.repeat(300);
    store.save(newRun({ prompt: { kind: 'text', text } }));
    const [item] = store.list().runs;
    expect(item!.promptPreview).toBe('x'.repeat(200));
    expect(item!.answerPreview).toBe('Andrzej Duda');
  });

  it('throws RunNotFoundError naming the id for an unknown id', () => {
    const unknown = 'r_00000000000000000000000000';
    for (const call of [
      () => store.get(unknown),
      () => store.update(unknown, { title: 'x' }),
      () => store.delete(unknown),
      () => store.tree(unknown),
    ]) {
      expect(call).toThrow(RunNotFoundError);
      expect(call).toThrow(unknown);
    }
    expect(() => store.get(undefined as unknown as string)).toThrow(RunNotFoundError);
  });
});

describe('update, tags and delete', () => {
  it('renames and retags, bumping updatedAt, and finds the run by its new title and tags', async () => {
    const saved = store.save(newRun({ tags: ['a'] }));
    await new Promise((r) => setTimeout(r, 5));
    const renamed = store.update(saved.id, { title: ' Renamed run ' });
    expect(renamed.title).toBe('Renamed run');
    expect(renamed.tags).toEqual(['a']);
    expect(renamed.updatedAt > saved.updatedAt).toBe(true);
    expect(renamed.createdAt).toBe(saved.createdAt);
    const retagged = store.update(saved.id, { tags: ['Zeta', 'alpha', 'zeta'] });
    expect(retagged.tags).toEqual(['zeta', 'alpha']);
    expect(retagged.title).toBe('Renamed run');
    expect(store.list({ search: 'renamed' }).total).toBe(1);
    expect(store.list({ search: 'zeta' }).total).toBe(1);
    expect(store.list({ tag: 'a' }).total).toBe(0);
    expect(store.list({ tag: 'ALPHA' }).runs.map((r) => r.id)).toEqual([saved.id]);
    expect(store.update(saved.id, {})).toStrictEqual(retagged);
  });

  it('lists tags in use, most used first', () => {
    store.save(newRun({ tags: ['b', 'a'] }));
    store.save(newRun({ tags: ['b'] }));
    const third = store.save(newRun({ tags: ['c', 'b'] }));
    expect(store.tags()).toEqual([
      { tag: 'b', count: 3 },
      { tag: 'a', count: 1 },
      { tag: 'c', count: 1 },
    ]);
    store.delete(third.id);
    expect(store.tags()).toEqual([
      { tag: 'b', count: 2 },
      { tag: 'a', count: 1 },
    ]);
  });

  it('deletes a run, its tags and its search entry', () => {
    const keep = store.save(newRun({ title: 'keep me' }));
    const gone = store.save(newRun({ title: 'remove me', tags: ['x'] }));
    store.delete(gone.id);
    expect(() => store.get(gone.id)).toThrow(RunNotFoundError);
    expect(() => store.delete(gone.id)).toThrow(RunNotFoundError);
    expect(store.list().runs.map((r) => r.id)).toEqual([keep.id]);
    expect(store.list({ search: 'remove' }).total).toBe(0);
    expect(store.list({ tag: 'x' }).total).toBe(0);
    // the newest row was deleted: a new run may take its place in the table, never its search entry
    const next = store.save(newRun({ title: 'fresh one' }));
    expect(store.list({ search: 'remove' }).total).toBe(0);
    expect(store.list({ search: 'fresh' }).runs.map((r) => r.id)).toEqual([next.id]);
  });
});

describe('tree', () => {
  it('holds the root, its branches and branches of branches, oldest first; survives deleting a middle run', () => {
    const token = { text: ' Tom', logprob: -1.2, bytes: [32, 84, 111, 109] };
    const root = store.save(newRun({ title: 'root' }));
    const a = store.save(newRun({ source: 'branch', branch: { parentId: root.id, position: 2, token } }));
    const b = store.save(newRun({ source: 'branch', branch: { parentId: root.id, position: 3, token } }));
    const a1 = store.save(newRun({ source: 'branch', branch: { parentId: a.id, position: 5, token } }));
    const a1x = store.save(newRun({ source: 'branch', branch: { parentId: a1.id, position: 6, token } }));
    const other = store.save(newRun({ title: 'another tree' }));

    const ids = [root.id, a.id, b.id, a1.id, a1x.id];
    for (const id of ids) expect(store.tree(id).map((r) => r.id)).toEqual(ids);
    expect(store.tree(other.id).map((r) => r.id)).toEqual([other.id]);
    const a1Item = store.tree(root.id)[3]!;
    expect(a1Item.branch).toStrictEqual({ parentId: a.id, position: 5, token: ' Tom' });
    expect(store.tree(root.id)[0]).not.toHaveProperty('branch');
    expect(store.get(a1.id).branch).toEqual({ parentId: a.id, position: 5, token });

    store.delete(a.id); // a middle run: a1 and a1x stay in root's tree
    expect(store.tree(a1x.id).map((r) => r.id)).toEqual([root.id, b.id, a1.id, a1x.id]);
    store.delete(root.id); // even without its root the tree holds together
    expect(store.tree(b.id).map((r) => r.id)).toEqual([b.id, a1.id, a1x.id]);
    const late = store.save(newRun({ source: 'branch', branch: { parentId: a1.id, position: 1, token } }));
    expect(store.tree(late.id).map((r) => r.id)).toEqual([b.id, a1.id, a1x.id, late.id]);
    expect(store.get(a1.id).branch?.parentId).toBe(a.id); // names a run that is gone
  });
});
