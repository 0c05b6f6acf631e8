import { mergeSplitCharacters, type Token } from '@tokenscope/core';
import type { Engine } from '@tokenscope/local';
import OpenAI, { APIError, AuthenticationError, BadRequestError, NotFoundError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionTokenLogprob } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectReaderAbortStopsGeneration, type SpyEngine, spyEngine } from '../test/spyEngine.js';
import { loadStories } from '../test/storiesEngine.js';
import { type RunningServer, startServer } from './startServer.js';

/**
 * The API over a real socket, driven by the official `openai` client, on the real engine
 * (stories260K, one thread, short generations).
 */

const MODEL = 'stories260K';
let engine: Engine;
let spy: SpyEngine;
let server: RunningServer;
let client: OpenAI;

beforeAll(async () => {
  engine = await loadStories();
  spy = spyEngine(engine);
  server = await startServer({ engines: [spy], maxBodyBytes: 64 * 1024 });
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 });
});

afterAll(async () => {
  await server?.close();
  await engine?.close();
});

/** Token texts merged as core merges them (split UTF-8 characters joined by their bytes). */
function mergedText(items: readonly ChatCompletionTokenLogprob[]): string {
  const tokens: Token[] = items.map((i) => ({ text: i.token, bytes: i.bytes, logprob: i.logprob, top: [] }));
  return mergeSplitCharacters(tokens)
    .map((t) => t.text)
    .join('');
}

function expectGoodLogprobs(items: readonly ChatCompletionTokenLogprob[], top: number) {
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) {
    expect(item.logprob).toBeLessThanOrEqual(0);
    expect(item.top_logprobs).toHaveLength(top);
    const values = item.top_logprobs.map((t) => t.logprob);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    for (const v of values) expect(v).toBeLessThanOrEqual(0);
    // The chosen token's value is one of the distribution's, so at most the best alternative's.
    if (top > 0) expect(item.logprob).toBeLessThanOrEqual(values[0]! + 1e-6);
  }
}

describe('chat completions', () => {
  it('lists the model', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual([MODEL]);
    expect((await client.models.retrieve(MODEL)).id).toBe(MODEL);
  });

  it('returns content with logprobs that concatenate to it', async () => {
    const response = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Once upon a time' }],
      max_tokens: 16,
      temperature: 0,
      logprobs: true,
      top_logprobs: 3,
    });
    expect(response.object).toBe('chat.completion');
    const choice = response.choices[0]!;
    expect(choice.message.role).toBe('assistant');
    expect(choice.message.content!.length).toBeGreaterThan(0);
    const items = choice.logprobs!.content!;
    expectGoodLogprobs(items, 3);
    expect(mergedText(items)).toBe(choice.message.content);
    expect(response.usage!.completion_tokens).toBe(items.length);
    expect(response.usage!.total_tokens).toBe(response.usage!.prompt_tokens + items.length);
    expect((response as unknown as { tokenscope: unknown }).tokenscope).toMatchObject({
      distribution: 'raw',
    });
    // Greedy: the chosen token is the most likely one.
    for (const item of items) expect(item.token).toBe(item.top_logprobs[0]!.token);
  });

  it('streams one chunk per token with its logprobs, then the finish and usage chunks', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Once upon a time' }],
      max_tokens: 12,
      temperature: 0,
      logprobs: true,
      top_logprobs: 2,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const content = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    const items = chunks.flatMap((c) => c.choices[0]?.logprobs?.content ?? []);
    expectGoodLogprobs(items, 2);
    expect(mergedText(items)).toBe(content);
    const finish = chunks.filter((c) => c.choices[0]?.finish_reason);
    expect(finish).toHaveLength(1);
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage!.completion_tokens).toBe(items.length);
    const whole = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Once upon a time' }],
      max_tokens: 12,
      temperature: 0,
    });
    expect(content).toBe(whole.choices[0]!.message.content);
  });

  it('generates n choices', async () => {
    const response = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'The cat' }],
      max_tokens: 8,
      n: 2,
      seed: 1,
      logprobs: true,
    });
    expect(response.choices.map((c) => c.index)).toEqual([0, 1]);
    for (const choice of response.choices) {
      expect(mergedText(choice.logprobs!.content!)).toBe(choice.message.content);
    }
  });

  it('is deterministic for a seed', async () => {
    const ask = (seed: number) =>
      client.chat.completions.create({
        model: MODEL,
        messages: [{ role: 'user', content: 'Lily' }],
        max_tokens: 16,
        temperature: 1.5,
        seed,
        logprobs: true,
      });
    const [a, b] = [await ask(7), await ask(7)];
    expect(a.choices[0]!.message.content).toBe(b.choices[0]!.message.content);
    // Same tokens; values may differ in the 7th digit (the cached prompt is evaluated in another batch).
    const [la, lb] = [a.choices[0]!.logprobs!.content!, b.choices[0]!.logprobs!.content!];
    expect(la.map((t) => t.token)).toEqual(lb.map((t) => t.token));
    for (const [i, t] of la.entries()) expect(t.logprob).toBeCloseTo(lb[i]!.logprob, 5);
    const others = await Promise.all([8, 9, 10].map(ask));
    expect(others.some((o) => o.choices[0]!.message.content !== a.choices[0]!.message.content)).toBe(true);
  });

  it('stops before a stop sequence', async () => {
    const free = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Once upon a time' }],
      max_tokens: 24,
      temperature: 0,
    });
    const text = free.choices[0]!.message.content!;
    const words = text.trim().split(/\s+/);
    const stop = ` ${words[2]}`;
    expect(text).toContain(stop);
    const stopped = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Once upon a time' }],
      max_tokens: 24,
      temperature: 0,
      stop: [stop, '\u0000never'],
      logprobs: true,
    });
    const choice = stopped.choices[0]!;
    expect(choice.finish_reason).toBe('stop');
    expect(choice.message.content).toBe(text.slice(0, text.indexOf(stop)));
    expect(mergedText(choice.logprobs!.content!)).toBe(choice.message.content);
  });
});

describe('completions', () => {
  it('returns the legacy arrays', async () => {
    const response = await client.completions.create({
      model: MODEL,
      prompt: 'Once upon a time',
      max_tokens: 10,
      temperature: 0,
      logprobs: 3,
    });
    const choice = response.choices[0]!;
    const lp = choice.logprobs!;
    expect(lp.tokens!.join('')).toBe(choice.text);
    expect(lp.token_logprobs!.every((v) => v <= 0)).toBe(true);
    expect(lp.top_logprobs!.every((t) => Object.keys(t).length === 3)).toBe(true);
    expect(lp.text_offset![0]).toBe(0);
    expect(response.usage!.completion_tokens).toBe(lp.tokens!.length);
  });

  it('echoes the prompt with its logprobs, the first null', async () => {
    const prompt = 'Once upon a time';
    const response = await client.completions.create({
      model: MODEL,
      prompt,
      max_tokens: 4,
      logprobs: 1,
      echo: true,
      temperature: 0,
    });
    const choice = response.choices[0]!;
    expect(choice.text.startsWith(prompt)).toBe(true);
    const lp = choice.logprobs!;
    expect(lp.token_logprobs![0]).toBeNull();
    expect(lp.tokens!.join('')).toBe(choice.text);
    expect(lp.tokens!.length).toBe(response.usage!.prompt_tokens + response.usage!.completion_tokens);
  });

  it('streams legacy chunks', async () => {
    const stream = await client.completions.create({
      model: MODEL,
      prompt: 'Once upon a time',
      max_tokens: 8,
      temperature: 0,
      logprobs: 2,
      stream: true,
    });
    let text = '';
    const tokens: string[] = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]!.text;
      tokens.push(...(chunk.choices[0]!.logprobs?.tokens ?? []));
      finish = chunk.choices[0]!.finish_reason ?? finish;
    }
    expect(tokens.join('')).toBe(text);
    expect(finish).toBe('length');
    expect(tokens).toHaveLength(8);
  });
});

describe('errors raise the right client error class', () => {
  const chat = { model: MODEL, messages: [{ role: 'user' as const, content: 'Hi' }], max_tokens: 2 };

  it('NotFoundError for an unknown model or route', async () => {
    const error = await client.chat.completions.create({ ...chat, model: 'gpt-4o' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).code).toBe('model_not_found');
    expect(await client.get('/nothing').catch((e: unknown) => e)).toBeInstanceOf(NotFoundError);
  });

  it.each([
    ['top_logprobs without logprobs', { top_logprobs: 2 }, 'top_logprobs'],
    ['temperature out of range', { temperature: 2.5 }, 'temperature'],
    ['n out of range', { n: 0 }, 'n'],
    ['an unknown field', { frobnicate: true }, 'frobnicate'],
  ])('BadRequestError for %s', async (_, extra, param) => {
    const error = await client.chat.completions
      .create({ ...chat, ...extra } as typeof chat)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe(param);
  });

  it('BadRequestError context_length_exceeded for a prompt longer than the context', async () => {
    const prompt = 'Once upon a time there was a cat. '.repeat(250);
    const error = await client.completions
      .create({ model: MODEL, prompt, max_tokens: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).code).toBe('context_length_exceeded');
  });

  it('BadRequestError for malformed JSON, APIError 413 for an oversized body', async () => {
    const bad = await client
      .post('/chat/completions', { body: '{"model":', headers: { 'content-type': 'application/json' } })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BadRequestError);
    const big = await client.chat.completions
      .create({ ...chat, messages: [{ role: 'user', content: 'a'.repeat(70 * 1024) }] })
      .catch((e: unknown) => e);
    expect(big).toBeInstanceOf(APIError);
    expect((big as APIError).status).toBe(413);
  });

  it('AuthenticationError without the right key', async () => {
    const guarded = await startServer({ engines: [spy], apiKey: 'sk-right' });
    try {
      const wrong = new OpenAI({ baseURL: `${guarded.url}/v1`, apiKey: 'sk-wrong', maxRetries: 0 });
      expect(await wrong.models.list().catch((e: unknown) => e)).toBeInstanceOf(AuthenticationError);
      const right = new OpenAI({ baseURL: `${guarded.url}/v1`, apiKey: 'sk-right', maxRetries: 0 });
      expect((await right.models.list()).data).toHaveLength(1);
    } finally {
      await guarded.close();
    }
  });
});

describe('disconnects and concurrency', () => {
  it('a client that stops reading a stream aborts its generation', async () => {
    const before = spy.calls.length;
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      {
        model: MODEL,
        messages: [{ role: 'user', content: 'Once' }],
        max_tokens: 400,
        stream: true,
        logprobs: true,
      },
      { signal: controller.signal },
    );
    await expectReaderAbortStopsGeneration(spy, before, stream, controller, 3, 400);
  });

  it('a client that disconnects during a whole (non-streamed) request aborts its generation', async () => {
    const before = spy.calls.length;
    const controller = new AbortController();
    const pending = client.completions
      .create({ model: MODEL, prompt: 'Once', max_tokens: 400 }, { signal: controller.signal })
      .catch((e: unknown) => e);
    await spy.waitForTokens(2, before);
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    const call = spy.calls[before]!;
    await call.settled;
    expect(call.signal?.aborted).toBe(true);
    expect(call.outcome).toBe('rejected');
    expect(call.tokens).toBeLessThan(400);
  });

  it('serves several clients at once', async () => {
    const clients = Array.from(
      { length: 4 },
      () => new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'x', maxRetries: 0 }),
    );
    const results = await Promise.all(
      clients.map((c, i) =>
        i % 2 === 0
          ? c.chat.completions.create({
              model: MODEL,
              messages: [{ role: 'user', content: `Tom ${i}` }],
              max_tokens: 8,
              logprobs: true,
              seed: i,
            })
          : c.completions.create({ model: MODEL, prompt: `Sue ${i}`, max_tokens: 8, logprobs: 1, seed: i }),
      ),
    );
    for (const result of results) expect(result.choices).toHaveLength(1);
  });
});
