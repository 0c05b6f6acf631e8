import { TokenscopeError } from '@tokenscope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRun } from '../../test/runs.js';
import { InvalidRunError } from '../errors/InvalidRunError.js';
import { openRunStore } from '../openRunStore.js';
import type { RunStore } from '../RunStore.js';

// Validation happens before the database is touched: one backend is enough (an in-memory SQLite store).
let store: RunStore;
beforeAll(async () => {
  store = await openRunStore({ file: ':memory:' });
});
afterAll(async () => {
  await store.close();
});

/** What `save` rejects with for `run`. */
async function saveError(run: unknown): Promise<InvalidRunError> {
  try {
    await store.save(run as never);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRunError);
    expect(error).toBeInstanceOf(TokenscopeError);
    return error as InvalidRunError;
  }
  throw new Error('save did not reject');
}

function withToken(change: (token: Record<string, unknown>) => void) {
  const run = newRun();
  change(run.response.completions[0]!.tokens[1] as unknown as Record<string, unknown>);
  return run;
}

describe('save rejects a wrong field with InvalidRunError naming it and what was expected', () => {
  const cases: Array<[string, unknown, string, RegExp]> = [
    ['not an object', 'hello', 'run', /expected object, received string/],
    ['missing source', { ...newRun(), source: undefined }, 'source', /but it is missing/],
    ['unknown source', newRun({ source: 'web' as never }), 'source', /expected one of .*"local".*got "web"/],
    ['model a number', newRun({ model: 3 as never }), 'model', /expected string, received number/],
    ['prompt kind', newRun({ prompt: { kind: 'html' } as never }), 'prompt.kind', /./],
    [
      'chat role',
      newRun({ prompt: { kind: 'chat', messages: [{ role: 'robot', content: 'x' }] } as never }),
      'prompt.messages[0].role',
      /got "robot"/,
    ],
    ['temperature < 0', newRun({ params: { temperature: -1 } }), 'params.temperature', />=0, got -1/],
    ['topP > 1', newRun({ params: { topP: 1.5 } }), 'params.topP', /<=1, got 1.5/],
    ['topLogprobs', newRun({ params: { topLogprobs: 'many' as never } }), 'params.topLogprobs', /"all"/],
    [
      'constraint kind',
      newRun({ constraint: { kind: 'regex', pattern: 'a+' } as never }),
      'constraint.kind',
      /'choices' \| 'json-schema' \| 'grammar'/,
    ],
    [
      'constraint without choices',
      newRun({ constraint: { kind: 'choices', choices: [] } }),
      'constraint.choices',
      />=1/,
    ],
    [
      'NaN logprob',
      withToken((t) => {
        t.logprob = Number.NaN;
      }),
      'response.completions[0].tokens[1].logprob',
      /expected number, received NaN/,
    ],
    [
      'positive logprob',
      withToken((t) => {
        t.logprob = 0.5;
      }),
      'response.completions[0].tokens[1].logprob',
      /<=0, got 0.5/,
    ],
    [
      'byte 300',
      withToken((t) => {
        t.bytes = [300];
      }),
      'response.completions[0].tokens[1].bytes[0]',
      /<=255/,
    ],
    [
      'no top array',
      withToken((t) => {
        delete t.top;
      }),
      'response.completions[0].tokens[1].top',
      /expected array, but it is missing/,
    ],
    [
      'format',
      newRun({ response: { format: 'csv', completions: [] } as never }),
      'response.format',
      /got "csv"/,
    ],
    ['promptTokenIds', newRun({ promptTokenIds: [1, -2] }), 'promptTokenIds[1]', />=0/],
    [
      'branch without parent',
      newRun({ branch: { parentId: '', position: 1, token: { text: 'a', logprob: -1, bytes: null } } }),
      'branch.parentId',
      /./,
    ],
  ];
  for (const [name, run, field, detail] of cases) {
    it(name, async () => {
      const error = await saveError(run);
      expect(error.field).toBe(field);
      expect(error.code).toBe('invalid_run');
      expect(error.message).toContain(`invalid run field ${field}: `);
      expect(error.message).toMatch(detail);
      expect(error.message).not.toContain('\n');
    });
  }
});

describe('titles and tags', () => {
  it('rejects an empty or too long title, bad tags, too many tags', async () => {
    expect((await saveError(newRun({ title: '   ' }))).field).toBe('title');
    expect((await saveError(newRun({ title: 'x'.repeat(201) }))).message).toMatch(
      /1 to 200 characters, got 201/,
    );
    expect((await store.save(newRun({ title: 'é'.repeat(200) }))).title).toHaveLength(200);
    expect((await saveError(newRun({ tags: ['ok', ' '] }))).field).toBe('tags[1]');
    expect((await saveError(newRun({ tags: ['x'.repeat(41)] }))).message).toMatch(
      /1 to 40 characters, got 41/,
    );
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`);
    expect((await saveError(newRun({ tags: many }))).message).toMatch(/at most 20 tags, got 21/);
    expect((await store.save(newRun({ tags: [...many.slice(0, 20), 'T0', 't1 '] }))).tags).toHaveLength(20);
    expect((await store.save(newRun({ tags: ['  Needs   Review '] }))).tags).toEqual(['needs review']);
  });

  it('update validates its patch the same way and changes nothing on error', async () => {
    const saved = await store.save(newRun({ title: 'before', tags: ['a'] }));
    await expect(store.update(saved.id, { title: '' })).rejects.toThrow(InvalidRunError);
    await expect(store.update(saved.id, { tags: 'a' as never })).rejects.toThrow(
      /invalid run field tags: expected array/,
    );
    await expect(store.update(saved.id, { title: 'ok', tags: [''] })).rejects.toThrow(/tags\[0\]/);
    expect(await store.get(saved.id)).toStrictEqual(saved);
  });

  it('refuses an endpoint that carries a key', async () => {
    for (const endpoint of [
      'https://user:secret@api.example.com/v1',
      'https://x.example/v1?key=abc',
      'https://x.example/?api_key=1',
    ]) {
      expect((await saveError(newRun({ endpoint }))).field).toBe('endpoint');
    }
    expect((await store.save(newRun({ endpoint: 'https://api.example.com/v1?region=eu' }))).endpoint).toBe(
      'https://api.example.com/v1?region=eu',
    );
  });

  it('drops unknown keys instead of storing them', async () => {
    const run = { ...newRun(), apiKey: 'sk-secret' };
    const saved = await store.save(run as never);
    expect(await store.get(saved.id)).not.toHaveProperty('apiKey');
    expect(JSON.stringify(await store.get(saved.id))).not.toContain('sk-secret');
  });
});
