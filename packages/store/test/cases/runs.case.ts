/** Shared suite: save, get, update, tags, delete and branch trees, on any backend. */
import { summarizeRun } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { encodeRun, InvalidRunError, RunNotFoundError } from '../../src/index.js';
import { type Backend, useStore } from '../backends.js';
import { fixtureResponse, newRun, STORIES, sleep } from '../runs.js';

export function runCases(backend: Backend): void {
  const ctx = useStore(backend);

  describe('save and get', () => {
    it('saveEncoded stores a run encoded elsewhere (encodeRun, as on a worker thread) as save does', async () => {
      const run = newRun({ title: 'Encoded elsewhere', tags: ['a'], fileName: 'x.json', dataset: 'd' });
      const encoded = structuredClone(encodeRun(run)); // as it arrives from another thread
      const stored = await ctx.store.saveEncoded(encoded);
      expect(stored).not.toHaveProperty('response');
      const { response, ...got } = await ctx.store.get(stored.id);
      expect(got).toStrictEqual(stored);
      expect(response).toStrictEqual(run.response);
      const { id: _i, createdAt: _c, updatedAt: _u, ...saved } = await ctx.store.save(run);
      const { id: _j, createdAt: _d, updatedAt: _v, ...same } = got;
      expect({ ...same, response }).toStrictEqual(saved);
      expect((await ctx.store.list({ search: 'elsewhere' })).total).toBe(2);
    });

    it('gives back every field as saved, the response deep-equal, from a new connection too', async () => {
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
        constraint: {
          kind: 'json-schema',
          schema: { type: 'object', properties: { a: { type: 'string' } } },
        },
        dataset: ' support-bot ',
        promptVersion: 'v3',
        expected: 'Anna',
      });
      const saved = await ctx.store.save(run);
      expect(saved.id).toMatch(/^r_[0-9a-z]{26}$/);
      expect(saved.title).toBe('Stories');
      expect(saved.tags).toEqual(['demo', 'tiny model']);
      expect(saved.dataset).toBe('support-bot');
      expect(saved.createdAt).toBe(saved.updatedAt);
      expect(Date.parse(saved.createdAt)).toBeGreaterThan(Date.now() - 60_000);
      expect(saved.summary).toEqual(summarizeRun(response));

      const got = await ctx.store.get(saved.id);
      expect(got).toStrictEqual(saved);
      expect(got.response).toStrictEqual(response);
      const { title: _t, tags: _g, dataset: _d, ...rest } = run;
      expect(got).toMatchObject(rest);
      expect(got).toMatchObject({ dataset: 'support-bot', promptVersion: 'v3', expected: 'Anna' });

      const [item] = (await ctx.store.list()).runs;
      expect(item).toMatchObject({ id: saved.id, dataset: 'support-bot', promptVersion: 'v3' });

      const again = await ctx.reopen();
      expect(await again.get(saved.id)).toStrictEqual(saved);
    });

    it('keeps a provider raw value of -Infinity and sentinel tokens', async () => {
      const response = fixtureResponse(STORIES);
      const first = response.completions[0]!.tokens[0]!;
      first.logprob = null;
      first.raw = Number.NEGATIVE_INFINITY;
      const saved = await ctx.store.save(newRun({ response }));
      const token = (await ctx.store.get(saved.id)).response.completions[0]!.tokens[0]!;
      expect(token.raw).toBe(Number.NEGATIVE_INFINITY);
      expect(token.logprob).toBeNull();
    });

    it('leaves optional fields absent, and stores a run without prompt (an import)', async () => {
      const saved = await ctx.store.save(
        newRun({ source: 'import', prompt: null, fileName: 'seed003.json' }),
      );
      const got = await ctx.store.get(saved.id);
      expect(got.prompt).toBeNull();
      expect(got.title).toBe('seed003.json');
      for (const key of [
        'endpoint',
        'provider',
        'promptText',
        'promptTokenIds',
        'branch',
        'constraint',
        'dataset',
        'promptVersion',
        'expected',
      ]) {
        expect(Object.hasOwn(got, key), key).toBe(false);
        expect(Object.hasOwn(saved, key), key).toBe(false);
      }
      const [item] = (await ctx.store.list()).runs;
      expect(item!.promptPreview).toBe('');
      expect(item).not.toHaveProperty('dataset');
      expect(item).not.toHaveProperty('promptVersion');
    });

    it('stores a response without completions with an empty summary', async () => {
      const response = { ...fixtureResponse(STORIES), completions: [] };
      const saved = await ctx.store.save(newRun({ response }));
      expect(saved.summary).toMatchObject({ tokens: 0, perplexity: 1, minProb: null });
      expect((await ctx.store.get(saved.id)).response.completions).toEqual([]);
      expect((await ctx.store.list()).runs[0]!.verdict).toBe('publish');
    });

    it('refuses a wrong dataset, prompt version or expected answer with InvalidRunError naming it', async () => {
      for (const [extra, field] of [
        [{ dataset: '   ' }, 'dataset'],
        [{ dataset: 'd'.repeat(201) }, 'dataset'],
        [{ promptVersion: '' }, 'promptVersion'],
        [{ expected: 42 }, 'expected'],
      ] as const) {
        const error = await ctx.store.save(newRun(extra as never)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidRunError);
        expect((error as InvalidRunError).field).toBe(field);
      }
      expect((await ctx.store.list()).total).toBe(0);
    });

    it('stores an answer with a NUL character (U+0000); a NUL in a lookup finds nothing', async () => {
      const store = ctx.store;
      const response = fixtureResponse(STORIES);
      const completion = response.completions[0]!;
      completion.tokens[1]!.text = 'A\u0000';
      completion.text = completion.tokens.map((t) => t.text).join('');
      const saved = await store.save(
        newRun({ response, title: 'nul\u0000title', prompt: { kind: 'text', text: 'say \u0000' } }),
      );
      const got = await store.get(saved.id);
      expect(got.response).toStrictEqual(response); // JSON: exact on both backends
      expect(got.prompt).toStrictEqual({ kind: 'text', text: 'say \u0000' });
      // PostgreSQL's text cannot hold U+0000: there the title keeps U+FFFD in its place
      expect(got.title).toBe(backend.name === 'sqlite' ? 'nul\u0000title' : 'nul\uFFFDtitle');
      expect((await store.list({ search: 'anna' })).total).toBe(1);
      await expect(store.get('r_\u0000')).rejects.toThrow(RunNotFoundError);
      expect((await store.list({ model: 'x\u0000' })).total).toBe(0);
      expect((await store.datasetSummary({ dataset: 'x\u0000' })).total.answers).toBe(0);
    });

    it('titles: first prompt line, last user message, shortened, or "Untitled run"', async () => {
      const long = `${'word '.repeat(40)}end`;
      const titles: string[] = [];
      for (const run of [
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
      ]) {
        titles.push((await ctx.store.save(run)).title);
      }
      expect(titles[0]).toBe('First line');
      expect(titles[1]).toBe('New question?');
      expect(titles[2]).toMatch(/^word( word)+…$/);
      expect([...titles[2]!].length).toBeLessThanOrEqual(80);
      expect(titles.slice(3)).toEqual(['Untitled run', 'x.json']);
    });

    it('previews hold the first 200 characters of the prompt and the answer', async () => {
      const text = 'x'.repeat(300);
      await ctx.store.save(newRun({ prompt: { kind: 'text', text } }));
      const [item] = (await ctx.store.list()).runs;
      expect(item!.promptPreview).toBe('x'.repeat(200));
      expect(item!.answerPreview).toBe('Andrzej Duda');
    });

    it('rejects with RunNotFoundError naming the id for an unknown id', async () => {
      const unknown = 'r_00000000000000000000000000';
      for (const call of [
        () => ctx.store.get(unknown),
        () => ctx.store.update(unknown, { title: 'x' }),
        () => ctx.store.delete(unknown),
        () => ctx.store.tree(unknown),
      ]) {
        await expect(call()).rejects.toThrow(RunNotFoundError);
        await expect(call()).rejects.toThrow(unknown);
      }
      await expect(ctx.store.get(undefined as unknown as string)).rejects.toThrow(RunNotFoundError);
      await expect(ctx.store.delete(42 as unknown as string)).rejects.toThrow(RunNotFoundError);
    });

    it('reports every wrong argument as a rejected promise, never a synchronous throw', async () => {
      const store = ctx.store;
      const run = await store.save(newRun());
      const bad = { ...newRun(), model: 42 } as never;
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['save', () => store.save(bad)],
        ['get', () => store.get(7 as never)],
        ['list', () => store.list({ limit: 0 })],
        ['update', () => store.update(run.id, { title: 5 } as never)],
        ['review', () => store.review(run.id, null as never)],
        ['reviews', () => store.reviews(null as never)],
        ['datasetSummary', () => store.datasetSummary({ bins: 0 })],
        ['datasetSettings', () => store.datasetSettings('')],
        ['saveDatasetThresholds', () => store.saveDatasetThresholds('', null)],
        ['completeRow', () => store.completeRow('qa', 'row-1', 'w1', bad)],
      ];
      for (const [name, call] of calls) {
        let result: Promise<unknown> | undefined;
        expect(() => {
          result = call();
        }, name).not.toThrow();
        expect(result, name).toBeInstanceOf(Promise);
        await expect(result, name).rejects.toThrow();
      }
    });
  });

  describe('update, tags and delete', () => {
    it('renames and retags, bumping updatedAt, and finds the run by its new title and tags', async () => {
      const store = ctx.store;
      const saved = await store.save(newRun({ tags: ['a'] }));
      await sleep(5);
      const renamed = await store.update(saved.id, { title: ' Renamed run ' });
      expect(renamed.title).toBe('Renamed run');
      expect(renamed.tags).toEqual(['a']);
      expect(renamed.updatedAt > saved.updatedAt).toBe(true);
      expect(renamed.createdAt).toBe(saved.createdAt);
      const retagged = await store.update(saved.id, { tags: ['Zeta', 'alpha', 'zeta'] });
      expect(retagged.tags).toEqual(['zeta', 'alpha']);
      expect(retagged.title).toBe('Renamed run');
      expect((await store.list({ search: 'renamed' })).total).toBe(1);
      expect((await store.list({ search: 'zeta' })).total).toBe(1);
      expect((await store.list({ search: 'andrzej renamed alpha' })).total).toBe(1); // the answer is still indexed
      expect((await store.list({ tag: 'a' })).total).toBe(0);
      expect((await store.list({ tag: 'ALPHA' })).runs.map((r) => r.id)).toEqual([saved.id]);
      expect(await store.update(saved.id, {})).toStrictEqual(retagged);
    });

    it('lists tags in use, most used first', async () => {
      const store = ctx.store;
      await store.save(newRun({ tags: ['b', 'a'] }));
      await store.save(newRun({ tags: ['b'] }));
      const third = await store.save(newRun({ tags: ['c', 'b'] }));
      expect(await store.tags()).toEqual([
        { tag: 'b', count: 3 },
        { tag: 'a', count: 1 },
        { tag: 'c', count: 1 },
      ]);
      await store.delete(third.id);
      expect(await store.tags()).toEqual([
        { tag: 'b', count: 2 },
        { tag: 'a', count: 1 },
      ]);
    });

    it('deletes a run, its tags and its search entry', async () => {
      const store = ctx.store;
      const keep = await store.save(newRun({ title: 'keep me' }));
      const gone = await store.save(newRun({ title: 'remove me', tags: ['x'] }));
      await store.delete(gone.id);
      await expect(store.get(gone.id)).rejects.toThrow(RunNotFoundError);
      await expect(store.delete(gone.id)).rejects.toThrow(RunNotFoundError);
      expect((await store.list()).runs.map((r) => r.id)).toEqual([keep.id]);
      expect((await store.list({ search: 'remove' })).total).toBe(0);
      expect((await store.list({ tag: 'x' })).total).toBe(0);
      // the newest row was deleted: a new run may take its place in the table, never its search entry
      const next = await store.save(newRun({ title: 'fresh one' }));
      expect((await store.list({ search: 'remove' })).total).toBe(0);
      expect((await store.list({ search: 'fresh' })).runs.map((r) => r.id)).toEqual([next.id]);
    });

    it('saves at once from one process without losing a run (concurrent calls)', async () => {
      const saved = await Promise.all(
        Array.from({ length: 20 }, (_, i) => ctx.store.save(newRun({ title: `parallel ${i}`, tags: ['p'] }))),
      );
      const listed = await ctx.store.list({ tag: 'p', limit: 100 });
      expect(listed.total).toBe(20);
      expect(new Set(listed.runs.map((r) => r.id))).toEqual(new Set(saved.map((r) => r.id)));
    });
  });

  describe('tree', () => {
    it('holds the root, its branches and branches of branches, oldest first; survives deleting a middle run', async () => {
      const store = ctx.store;
      const token = { text: ' Tom', logprob: -1.2, bytes: [32, 84, 111, 109] };
      const branch = (parentId: string, position: number) =>
        store.save(newRun({ source: 'branch', branch: { parentId, position, token } }));
      const tree = async (id: string) => (await store.tree(id)).map((r) => r.id);
      const root = await store.save(newRun({ title: 'root' }));
      const a = await branch(root.id, 2);
      const b = await branch(root.id, 3);
      const a1 = await branch(a.id, 5);
      const a1x = await branch(a1.id, 6);
      const other = await store.save(newRun({ title: 'another tree' }));

      const ids = [root.id, a.id, b.id, a1.id, a1x.id];
      for (const id of ids) expect(await tree(id)).toEqual(ids);
      expect(await tree(other.id)).toEqual([other.id]);
      const items = await store.tree(root.id);
      expect(items[3]!.branch).toStrictEqual({ parentId: a.id, position: 5, token: ' Tom' });
      expect(items[0]).not.toHaveProperty('branch');
      expect((await store.get(a1.id)).branch).toEqual({ parentId: a.id, position: 5, token });

      await store.delete(a.id); // a middle run: a1 and a1x stay in root's tree
      expect(await tree(a1x.id)).toEqual([root.id, b.id, a1.id, a1x.id]);
      await store.delete(root.id); // even without its root the tree holds together
      expect(await tree(b.id)).toEqual([b.id, a1.id, a1x.id]);
      const late = await branch(a1.id, 1);
      expect(await tree(late.id)).toEqual([b.id, a1.id, a1x.id, late.id]);
      expect((await store.get(a1.id)).branch?.parentId).toBe(a.id); // names a run that is gone
    });
  });
}
