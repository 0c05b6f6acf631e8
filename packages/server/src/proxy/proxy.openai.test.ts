import type { RunRecord } from '@tokenscope/core';
import type { Engine } from '@tokenscope/local';
import { openRunStore, type RunStore } from '@tokenscope/store';
import OpenAI, { APIError, BadRequestError, NotFoundError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadStories } from '../../test/storiesEngine.js';
import { type RunningServer, startServer } from '../startServer.js';
import { startProxy } from './startProxy.js';

/**
 * The proxy between the official `openai` client and `startServer` on the real engine (stories260K):
 * the application sees what it sees without the proxy, and the store holds every exchange's logprobs.
 */

const MODEL = 'stories260K';
const KEY = 'sk-upstream-secret';
let engine: Engine;
let upstream: RunningServer;
let proxy: RunningServer;
let store: RunStore;
let direct: OpenAI;
let proxied: OpenAI;
const records: RunRecord[] = [];
const recordErrors: Error[] = [];

beforeAll(async () => {
  engine = await loadStories();
  upstream = await startServer({ engines: [engine], apiKey: KEY });
  store = await openRunStore({ file: ':memory:' });
  proxy = await startProxy({
    upstream: `${upstream.url}/v1`,
    store,
    onRecord: (run) => records.push(run),
    onRecordError: (error) => recordErrors.push(error),
  });
  direct = new OpenAI({ baseURL: `${upstream.url}/v1`, apiKey: KEY, maxRetries: 0 });
  proxied = new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: KEY, maxRetries: 0 });
});

afterAll(async () => {
  await proxy?.close();
  await upstream?.close();
  await engine?.close();
  await store?.close();
});

beforeEach(() => {
  records.length = 0;
  recordErrors.length = 0;
});

/**
 * Where two answers differ, ignoring `id` and `created` (new per request) and logprob noise below
 * 1e-5 (a prompt the engine has cached is evaluated in another batch: values move in the 7th digit).
 */
function difference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= 1e-5 ? undefined : `${path}: ${a} != ${b}`;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return a === b ? undefined : `${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (key === 'id' || key === 'created') continue;
    const [x, y] = [(a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]];
    if (!(key in a) || !(key in b)) return `${path}.${key}: only in ${key in a ? 'the first' : 'the second'}`;
    const found = difference(x, y, `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

async function collect<T>(stream: Promise<AsyncIterable<T>>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of await stream) items.push(item);
  return items;
}

const messages = [
  { role: 'system' as const, content: 'You tell short stories.' },
  { role: 'user' as const, content: 'Once upon a time' },
];
const chat = { model: MODEL, messages, max_tokens: 16, temperature: 0 };
const completion = { model: MODEL, prompt: 'Once upon a time', max_tokens: 12, temperature: 0 };

interface Case {
  name: string;
  run: (client: OpenAI) => Promise<unknown>;
  /** The recorded answer's text, from the client's result. */
  text: (result: never) => string;
  provider: string;
  /** Alternatives per token the store holds. */
  topK: number;
}

type Chat = OpenAI.Chat.Completions.ChatCompletion;
type ChatChunk = OpenAI.Chat.Completions.ChatCompletionChunk;
type Legacy = OpenAI.Completions.Completion;

const CASES: Case[] = [
  {
    name: 'chat, no logprobs asked',
    run: (c) => c.chat.completions.create(chat),
    text: (r: Chat) => r.choices[0]!.message.content!,
    provider: 'openai-chat',
    topK: 5,
  },
  {
    name: 'chat, logprobs with 2 alternatives asked (trimmed back from 5)',
    run: (c) => c.chat.completions.create({ ...chat, logprobs: true, top_logprobs: 2 }),
    text: (r: Chat) => r.choices[0]!.message.content!,
    provider: 'openai-chat',
    topK: 5,
  },
  {
    name: 'chat, logprobs with 8 alternatives asked (more than the proxy adds)',
    run: (c) => c.chat.completions.create({ ...chat, logprobs: true, top_logprobs: 8 }),
    text: (r: Chat) => r.choices[0]!.message.content!,
    provider: 'openai-chat',
    topK: 8,
  },
  {
    name: 'chat, sampled with a seed, n = 2',
    run: (c) => c.chat.completions.create({ ...chat, temperature: 1.2, seed: 7, n: 2 }),
    text: (r: Chat) => r.choices[0]!.message.content!,
    provider: 'openai-chat',
    topK: 5,
  },
  {
    name: 'chat streamed, no logprobs asked, with usage',
    run: (c) =>
      collect(c.chat.completions.create({ ...chat, stream: true, stream_options: { include_usage: true } })),
    text: (r: ChatChunk[]) => r.map((ch) => ch.choices[0]?.delta.content ?? '').join(''),
    provider: 'openai-chat',
    topK: 5,
  },
  {
    name: 'chat streamed, logprobs with 1 alternative asked',
    run: (c) =>
      collect(c.chat.completions.create({ ...chat, stream: true, logprobs: true, top_logprobs: 1 })),
    text: (r: ChatChunk[]) => r.map((ch) => ch.choices[0]?.delta.content ?? '').join(''),
    provider: 'openai-chat',
    topK: 5,
  },
  {
    name: 'completions, no logprobs asked',
    run: (c) => c.completions.create(completion),
    text: (r: Legacy) => r.choices[0]!.text,
    provider: 'openai-completions',
    topK: 5,
  },
  {
    name: 'completions, logprobs 2 asked (forwarded as asked)',
    run: (c) => c.completions.create({ ...completion, logprobs: 2 }),
    text: (r: Legacy) => r.choices[0]!.text,
    provider: 'openai-completions',
    topK: 2,
  },
  {
    name: 'completions streamed, no logprobs asked',
    run: (c) => collect(c.completions.create({ ...completion, stream: true })),
    text: (r: Legacy[]) => r.map((ch) => ch.choices[0]?.text ?? '').join(''),
    provider: 'openai-completions',
    topK: 5,
  },
  {
    name: 'completions streamed, logprobs 3 asked',
    run: (c) => collect(c.completions.create({ ...completion, stream: true, logprobs: 3 })),
    text: (r: Legacy[]) => r.map((ch) => ch.choices[0]?.text ?? '').join(''),
    provider: 'openai-completions',
    topK: 3,
  },
];

describe('an application behind the proxy', () => {
  it.each(CASES)('gets what it gets without the proxy: $name', async (c) => {
    const without = await c.run(direct);
    const through = await c.run(proxied);
    expect(difference(through, without)).toBeUndefined();
    // The proxy's additions do reach the upstream's answer: the store has them.
    await vi.waitFor(() => expect(records).toHaveLength(1));
    expect(recordErrors).toEqual([]);
    const run = await store.get(records[0]!.id);
    expect(run).toMatchObject({
      source: 'proxy',
      model: MODEL,
      endpoint: `${upstream.url}/v1`,
      provider: c.provider,
    });
    const first = run.response.completions[0]!;
    expect(first.text).toBe(c.text(through as never));
    expect(first.tokens.length).toBeGreaterThan(0);
    expect(first.topK).toBe(c.topK);
    expect(run.params.topLogprobs).toBe(c.topK);
    for (const token of first.tokens) expect(token.top.length).toBeLessThanOrEqual(c.topK);
    expect(first.tokens.some((t) => t.top.length === c.topK)).toBe(true);
    expect(run.summary.tokens).toBe(first.tokens.length);
    expect(JSON.stringify(run)).not.toContain(KEY);
  });

  it('records the prompt and parameters as sent', async () => {
    await proxied.chat.completions.create({ ...chat, max_tokens: 8, seed: 3, stop: ['\n\n'], top_p: 0.9 });
    await vi.waitFor(() => expect(records).toHaveLength(1));
    const run = await store.get(records[0]!.id);
    expect(run.prompt).toEqual({ kind: 'chat', messages });
    expect(run.params).toEqual({
      temperature: 0,
      topP: 0.9,
      maxTokens: 8,
      seed: 3,
      stop: ['\n\n'],
      topLogprobs: 5,
    });
    expect(run.title.length).toBeGreaterThan(0);
    await proxied.completions.create({ ...completion, max_tokens: 4 });
    await vi.waitFor(() => expect(records).toHaveLength(2));
    expect((await store.get(records[1]!.id)).prompt).toEqual({ kind: 'text', text: 'Once upon a time' });
  });

  it('forwards other routes untouched and records nothing', async () => {
    const without = await direct.models.list();
    const through = await proxied.models.list();
    expect(through.data).toEqual(without.data);
    expect((await proxied.models.retrieve(MODEL)).id).toBe(MODEL);
    const [a, b] = await Promise.all([
      fetch(`${upstream.url}/v1/models`, { headers: { authorization: `Bearer ${KEY}` } }),
      fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${KEY}` } }),
    ]);
    expect(b.status).toBe(a.status);
    expect(b.headers.get('content-type')).toBe(a.headers.get('content-type'));
    expect(await b.text()).toBe(await a.text());
    expect(records).toEqual([]);
  });
});

describe('upstream errors reach the client as the upstream sent them', () => {
  const post = (base: string, path: string, body: unknown, key = KEY) =>
    fetch(`${base}/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    });

  it.each([
    ['404 for an unknown model', '/chat/completions', { ...chat, model: 'gpt-4o' }, 404],
    ['400 for a temperature out of range', '/chat/completions', { ...chat, temperature: 2.5 }, 400],
    [
      '400 for top_logprobs without logprobs (not "fixed")',
      '/chat/completions',
      { ...chat, top_logprobs: 2 },
      400,
    ],
    ['400 for a bad legacy parameter', '/completions', { ...completion, n: 0 }, 400],
    ['404 for an unknown route', '/nothing', {}, 404],
  ])('%s', async (_, path, body, status) => {
    const [a, b] = [await post(upstream.url, path, body), await post(proxy.url, path, body)];
    expect(a.status).toBe(status);
    expect(b.status).toBe(status);
    expect(b.headers.get('content-type')).toBe(a.headers.get('content-type'));
    expect(await b.text()).toBe(await a.text());
    expect(records).toEqual([]);
  });

  it('the client raises the same error classes', async () => {
    const missing = await proxied.chat.completions
      .create({ ...chat, model: 'gpt-4o' })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).code).toBe('model_not_found');
    const bad = await proxied.chat.completions.create({ ...chat, temperature: 2.5 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BadRequestError);
    expect((bad as BadRequestError).param).toBe('temperature');
  });

  it('a wrong key gets the upstream 401; the key is only ever sent upstream', async () => {
    const [a, b] = [
      await post(upstream.url, '/chat/completions', chat, 'sk-wrong'),
      await post(proxy.url, '/chat/completions', chat, 'sk-wrong'),
    ];
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(await b.text()).toBe(await a.text());
  });

  it('an upstream that is down gives a 502 naming it, in OpenAI shape', async () => {
    const gone = await startServer({ engines: [engine] });
    await gone.close();
    const lonely = await startProxy({ upstream: `${gone.url}/v1`, store });
    try {
      const client = new OpenAI({ baseURL: `${lonely.url}/v1`, apiKey: KEY, maxRetries: 0 });
      const error = await client.chat.completions.create(chat).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(APIError);
      expect((error as APIError).status).toBe(502);
      expect((error as APIError).code).toBe('upstream_unreachable');
      expect((error as APIError).message).toContain(`${gone.url}/v1`);
      const raw = await post(lonely.url, '/models', {});
      expect(await raw.json()).toEqual({
        error: {
          message: expect.stringContaining(
            `The upstream ${gone.url}/v1 could not be reached (connect ECONNREFUSED`,
          ),
          type: 'server_error',
          param: null,
          code: 'upstream_unreachable',
        },
      });
    } finally {
      await lonely.close();
    }
  });
});
