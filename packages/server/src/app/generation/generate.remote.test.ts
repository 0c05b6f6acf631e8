import { readFileSync } from 'node:fs';
import type { RunRecord, RunStreamEvent } from '@tokenscope/core';
import type { Engine } from '@tokenscope/local';
import type { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  REASONING_REFUSAL,
  startLmStudioLike,
  startReasoningLike,
  TEST_API_KEY,
} from '../../../../providers/test/probeServers.js';
import { closeTestStores, fixedCatalog } from '../../../test/appServices.js';
import { doneRun, generationApp, post, readEvents } from '../../../test/generationApp.js';
import { loadStories } from '../../../test/storiesEngine.js';
import { type RunningServer, startServer } from '../../startServer.js';
import type { AppServices } from '../AppServices.js';

/**
 * Remote generation through the provider adapters against real HTTP servers: `tokenscope serve`'s
 * /v1 in this process (stories260K, with an API key), and servers that refuse or ignore logprobs.
 */

const KEY = 'sk-remote-secret-7f3a9c';
let engine: Engine;
let server: RunningServer;
let baseURL: string;
beforeAll(async () => {
  engine = await loadStories();
  server = await startServer({ engines: [engine], apiKey: KEY });
  baseURL = `${server.url}/v1`;
}, 120_000);
afterAll(async () => {
  await server?.close();
  await engine?.close();
});

let logged: string[] = [];
beforeEach(() => {
  logged = [];
  const keep = (...args: unknown[]) => {
    logged.push(args.map((a) => (typeof a === 'string' ? a : (JSON.stringify(a) ?? String(a)))).join(' '));
  };
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, method).mockImplementation(keep);
  const write = (stream: NodeJS.WriteStream) => {
    const original = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      keep(String(chunk));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  };
  write(process.stdout);
  write(process.stderr);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await closeTestStores();
});

function setup() {
  return generationApp({ catalog: fixedCatalog([]) });
}

async function stream(app: Hono, path: string, body: unknown): Promise<RunStreamEvent[]> {
  const response = await post(app, path, body);
  expect(response.status, await response.clone().text()).toBe(200);
  return readEvents(response);
}

/** The store's files (database, WAL, shared memory) as text. */
function storeFiles(services: AppServices): string {
  return ['', '-wal', '-shm']
    .map((suffix) => {
      try {
        return readFileSync(services.store.location + suffix).toString('latin1');
      } catch {
        return '';
      }
    })
    .join('');
}

const remote = (model: string, extra: object = {}) => ({
  kind: 'remote',
  baseURL,
  model,
  apiKey: KEY,
  ...extra,
});
const tokensOf = (run: RunRecord) => run.response.completions[0]!.tokens;

describe('POST /api/generate on a remote endpoint', () => {
  it('streams a text prompt through openai-completions and saves the run without the key', async () => {
    const { app, services } = await setup();
    const events = await stream(app, '/api/generate', {
      target: remote('stories260K'),
      prompt: { kind: 'text', text: 'Once upon a time' },
      params: { temperature: 0, maxTokens: 10, topLogprobs: 4 },
    });
    const run = doneRun(events);
    expect(events[0]).toEqual({ type: 'start', model: 'stories260K', promptText: 'Once upon a time' });
    const tokens = events.flatMap((e) => (e.type === 'token' ? [e] : []));
    expect(tokens).toHaveLength(10);
    expect(tokens.map((e) => e.index)).toEqual(tokens.map((_, i) => i));
    expect(run).toMatchObject({
      source: 'remote',
      model: 'stories260K',
      endpoint: baseURL,
      provider: 'openai-completions',
    });
    expect(tokensOf(run)).toHaveLength(10);
    expect(tokensOf(run)[0]!.top).toHaveLength(4);
    expect(tokensOf(run).map((t) => t.text)).toEqual(tokens.map((e) => e.token.text));
    expect(await services.store.get(run.id)).toEqual(run);
    // The same request to the local engine gives the same greedy tokens.
    const local = await engine.generate({ prompt: 'Once upon a time', temperature: 0, maxTokens: 10 });
    expect(run.response.completions[0]!.text).toBe(local.text);

    expect(storeFiles(services)).toContain('Once upon a time');
    expect(storeFiles(services)).not.toContain(KEY);
    expect(JSON.stringify(run)).not.toContain(KEY);
    expect(logged.join('\n')).not.toContain(KEY);
  });

  it('streams chat messages through openai-chat', async () => {
    const { app, services } = await setup();
    const run = doneRun(
      await stream(app, '/api/generate', {
        target: remote('stories260K'),
        prompt: { kind: 'chat', messages: [{ role: 'user', content: 'Tell me a story' }] },
        params: { temperature: 0.7, seed: 9, maxTokens: 8, topLogprobs: 2 },
      }),
    );
    expect(run).toMatchObject({ source: 'remote', provider: 'openai-chat', params: { seed: 9 } });
    expect(tokensOf(run).length).toBeGreaterThan(0);
    expect(storeFiles(services)).not.toContain(KEY);
  });

  it('sends an error event when the endpoint needs a key that was not given, and saves nothing', async () => {
    const { app, services } = await setup();
    const events = await stream(app, '/api/generate', {
      target: { kind: 'remote', baseURL, model: 'stories260K', apiKey: 'sk-wrong' },
      prompt: { kind: 'text', text: 'Once' },
      params: { maxTokens: 2 },
    });
    expect(events.map((e) => e.type)).toEqual(['start', 'error']);
    // The endpoint failed, not this server: a 502's type, with the provider error's code.
    expect(events[1]).toMatchObject({ error: { type: 'server_error', code: 'authentication' } });
    expect((events[1] as Extract<RunStreamEvent, { type: 'error' }>).error.message).toMatch(/401/);
    expect((await services.store.list()).total).toBe(0);
    expect(logged.join('\n')).not.toContain('sk-wrong');
  });

  it.each([
    ['refuses logprobs (403, a reasoning model)', startReasoningLike, TEST_API_KEY, REASONING_REFUSAL],
    ['ignores logprobs (LM Studio)', startLmStudioLike, undefined, 'no logprobs'],
  ])('falls back to sampling consistency when the endpoint %s', async (_label, start, apiKey, said) => {
    const refusing = await start();
    try {
      const { app, services } = await setup();
      const events = await stream(app, '/api/generate', {
        target: {
          kind: 'remote',
          baseURL: refusing.baseURL,
          model: 'o3-mini',
          ...(apiKey ? { apiKey } : {}),
        },
        prompt: { kind: 'chat', messages: [{ role: 'user', content: 'hi' }] },
        params: { maxTokens: 4 },
        samples: 3,
      });
      const types = events.map((e) => e.type).filter((t) => t !== 'token');
      expect(types).toEqual(['start', 'sampling', 'sample', 'sample', 'sample', 'done']);
      const sampling = events.find((e) => e.type === 'sampling') as Extract<
        RunStreamEvent,
        { type: 'sampling' }
      >;
      expect(sampling).toMatchObject({ samples: 3, temperature: 0.7 });
      expect(sampling.fallback).toContain(said);
      expect(sampling.fallback).toMatch(/gave no logprobs for model "o3-mini"/);
      const run = doneRun(events);
      // The test servers give the same canned answer every time: full agreement.
      expect(run.consistency).toMatchObject({ method: 'sampling', agreement: 1, cost: { requests: 3 } });
      expect(run.response.completions).toHaveLength(3);
      expect(run.response.completions.every((c) => c.tokens.length === 0)).toBe(true);
      expect(await services.store.get(run.id)).toEqual(run);
      if (apiKey) expect(logged.join('\n')).not.toContain(apiKey);
    } finally {
      await refusing.close();
    }
  });
});

describe('POST /api/runs/:id/branch on a remote run', () => {
  async function parentRun(app: Hono, prompt: object) {
    return doneRun(
      await stream(app, '/api/generate', {
        target: remote('stories260K'),
        prompt,
        params: { temperature: 0, maxTokens: 12, topLogprobs: 4 },
      }),
    );
  }

  it.each([
    ['a text prompt (completions: prompt + answer so far)', { kind: 'text', text: 'Once upon a time' }],
    [
      'chat messages (an assistant prefill)',
      { kind: 'chat', messages: [{ role: 'user', content: 'Tell me a story' }] },
    ],
  ])('continues %s from the chosen token', async (_label, prompt) => {
    const { app, services } = await setup();
    const parent = await parentRun(app, prompt);
    const position = 2;
    const alternative = tokensOf(parent)[position]!.top[1]!;
    const events = await stream(app, `/api/runs/${parent.id}/branch`, {
      position,
      token: { text: alternative.text },
      apiKey: KEY,
    });
    const run = doneRun(events);
    const tokens = tokensOf(run);
    expect(tokens.slice(0, position)).toEqual(tokensOf(parent).slice(0, position));
    expect(tokens[position]).toMatchObject({ text: alternative.text, logprob: alternative.logprob });
    expect(tokens.length).toBeGreaterThan(position + 1);
    expect(tokens.length).toBeLessThanOrEqual(12);
    expect(run).toMatchObject({
      source: 'branch',
      endpoint: parent.endpoint,
      provider: parent.provider,
      branch: { parentId: parent.id, position, token: alternative },
    });
    expect((await services.store.tree(run.id)).map((r) => r.id)).toEqual([parent.id, run.id]);
    // What the endpoint was asked: the prompt with the answer so far, continued greedily.
    const prefix = tokens
      .slice(0, position + 1)
      .map((t) => t.text)
      .join('');
    const same = await engine.generate({
      prompt:
        prompt.kind === 'text'
          ? `Once upon a time${prefix}`
          : {
              messages: [
                { role: 'user', content: 'Tell me a story' },
                { role: 'assistant', content: prefix },
              ],
            },
      temperature: 0,
      maxTokens: 12 - (position + 1),
    });
    expect(run.response.completions[0]!.text).toBe(prefix + same.text);
    expect(storeFiles(services)).not.toContain(KEY);
  });

  it('keeps to the stored top-k: a token id outside it is refused (no engine to evaluate it)', async () => {
    const { app, services } = await setup();
    const parent = await parentRun(app, { kind: 'text', text: 'Once upon a time' });
    const response = await post(app, `/api/runs/${parent.id}/branch`, {
      position: 0,
      token: { text: 'zebra', id: 511 },
      apiKey: KEY,
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { param: string; message: string } };
    expect(error.param).toBe('token');
    expect(error.message).toMatch(/not among the 4 alternatives stored at position 0/);
    expect((await services.store.list()).total).toBe(1);
  });

  it('refuses runs of providers that cannot continue an answer', async () => {
    const { app, services } = await setup();
    const parent = await parentRun(app, { kind: 'text', text: 'Once upon a time' });
    const { id: _id, createdAt: _c, updatedAt: _u, summary: _s, ...rest } = parent;
    const ollama = await services.store.save({ ...rest, provider: 'ollama' });
    const response = await post(app, `/api/runs/${ollama.id}/branch`, {
      position: 0,
      token: { text: tokensOf(parent)[0]!.top[1]!.text },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /ollama API cannot continue/,
    );
  });
});
