import { writeFileSync } from 'node:fs';
import { type LogprobResponse, parseResponse } from '@tokenscope/core';
import type { Engine } from '@tokenscope/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStories } from '../test/storiesEngine.js';
import { createApp } from './createApp.js';

/**
 * Every kind of response the server produces parses back through core's `parseResponse` to the same
 * text and the same logprob values. `RECORD_FIXTURES=1` also saves them as core's recorded fixtures.
 */

const FIXTURES = new URL('../../core/src/formats/__fixtures__/', import.meta.url);
const MODEL = 'stories260K';
let engine: Engine;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  engine = await loadStories();
  app = createApp({ engines: [engine] });
});
afterAll(() => engine?.close());

/** Our own JSON, read loosely: the expectations check it. */
// biome-ignore lint/suspicious/noExplicitAny: our own JSON, checked by the expectations
type Json = Record<string, any>;

async function post(path: string, body: Json): Promise<string> {
  const response = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: MODEL, ...body }),
  });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return text;
}

function record(name: string, text: string): void {
  if (process.env.RECORD_FIXTURES === '1') writeFileSync(new URL(name, FIXTURES), text);
}

/** The JSON values of an SSE text's `data:` lines (without `[DONE]`). */
function events(sse: string): Json[] {
  return sse
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice(6)) as Json);
}

/** Text and values of a parsed completion. */
function essence(response: LogprobResponse, i = 0) {
  const c = response.completions[i]!;
  return {
    text: c.text,
    logprobs: c.tokens.map((t) => t.logprob),
    top: c.tokens.map((t) => t.top.map((a) => [a.text, a.logprob])),
  };
}

/** Chat `logprobs.content` items as [logprob] and [[token, logprob]] lists. */
function chatValues(items: Json[]) {
  return {
    logprobs: items.map((i) => i.logprob),
    top: items.map((i) => i.top_logprobs.map((a: Json) => [a.token, a.logprob])),
  };
}

/**
 * Two runs of one greedy request give the same tokens, but values may differ in the 7th digit
 * (llama.cpp evaluates the cached prompt in another batch shape): those are compared with a tolerance.
 */
function expectSameRun(a: ReturnType<typeof essence>, b: ReturnType<typeof essence>): void {
  expect(a.text).toBe(b.text);
  expect(a.top.map((alts) => alts.map(([t]) => t))).toEqual(b.top.map((alts) => alts.map(([t]) => t)));
  expect(a.logprobs).toHaveLength(b.logprobs.length);
  for (const [i, v] of a.logprobs.entries()) expect(v).toBeCloseTo(b.logprobs[i]!, 5);
}

const chatBody = {
  messages: [{ role: 'user', content: 'Once upon a time' }],
  max_tokens: 16,
  temperature: 0,
  logprobs: true,
  top_logprobs: 3,
};
const completionBody = { prompt: 'Once upon a time', max_tokens: 12, temperature: 0, logprobs: 3 };
const withUsage = { stream: true, stream_options: { include_usage: true } };

describe('responses parse back through @tokenscope/core to the same text and values', () => {
  it('chat, whole and streamed', async () => {
    const text = await post('/v1/chat/completions', chatBody);
    const json = JSON.parse(text) as Json;
    const parsed = parseResponse(text);
    expect(parsed.format).toBe('openai-chat');
    expect(essence(parsed)).toEqual({
      text: json.choices[0].message.content,
      ...chatValues(json.choices[0].logprobs.content),
    });
    record('openai-chat.tokenscope-serve-stories260k.recorded.json', `${JSON.stringify(json, null, 2)}\n`);

    const sse = await post('/v1/chat/completions', { ...chatBody, ...withUsage });
    expect(sse.endsWith('data: [DONE]\n\n')).toBe(true);
    const chunks = events(sse);
    const fromStream = essence(parseResponse(sse));
    expect(fromStream).toEqual({
      text: chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''),
      ...chatValues(chunks.flatMap((c) => c.choices[0]?.logprobs?.content ?? [])),
    });
    expectSameRun(fromStream, essence(parsed));
    record('openai-chat.tokenscope-serve-stories260k-stream.recorded.sse.txt', sse);
  });

  it('completions, whole and streamed', async () => {
    const text = await post('/v1/completions', completionBody);
    const json = JSON.parse(text) as Json;
    const parsed = parseResponse(text);
    expect(parsed.format).toBe('openai-completions');
    expect(essence(parsed)).toMatchObject({
      text: json.choices[0].text,
      logprobs: json.choices[0].logprobs.token_logprobs,
    });
    record(
      'openai-completions.tokenscope-serve-stories260k.recorded.json',
      `${JSON.stringify(json, null, 2)}\n`,
    );

    const sse = await post('/v1/completions', { ...completionBody, stream: true });
    const chunks = events(sse);
    const fromStream = essence(parseResponse(sse));
    expect(fromStream).toMatchObject({
      text: chunks.map((c) => c.choices[0].text).join(''),
      logprobs: chunks.flatMap((c) => c.choices[0].logprobs?.token_logprobs ?? []),
    });
    expectSameRun(fromStream, essence(parsed));
    record('openai-completions.tokenscope-serve-stories260k-stream.recorded.sse.txt', sse);
  });

  it('completions with echo, a character split across byte tokens included', async () => {
    const prompt = 'Lily saw a big 🐱 and said "hi"';
    const body = { prompt, max_tokens: 6, temperature: 0, logprobs: 2, echo: true };
    const text = await post('/v1/completions', body);
    const json = JSON.parse(text) as Json;
    const parsed = parseResponse(text);
    const completion = parsed.completions[0]!;
    expect(completion.prompt!.map((t) => t.text).join('')).toBe(prompt);
    expect(completion.prompt![0]!.logprob).toBeNull();
    expect(completion.prompt!.some((t) => t.utf8Group)).toBe(true);
    expect(completion.text).toBe(json.choices[0].text.slice(prompt.length));
    expect([...completion.prompt!, ...completion.tokens].map((t) => t.logprob)).toEqual(
      json.choices[0].logprobs.token_logprobs,
    );
    record('openai-completions.tokenscope-serve-echo.recorded.json', `${JSON.stringify(json, null, 2)}\n`);

    const sse = await post('/v1/completions', { ...body, ...withUsage });
    const streamed = parseResponse(sse).completions[0]!;
    const values = events(sse).flatMap((c) => c.choices[0]?.logprobs?.token_logprobs ?? []);
    expect([...streamed.prompt!, ...streamed.tokens].map((t) => t.logprob)).toEqual(values);
    expect(streamed.prompt!.map((t) => t.text).join('')).toBe(prompt);
    expect(streamed.prompt).toHaveLength(completion.prompt!.length);
    for (const [i, t] of streamed.prompt!.entries()) {
      expect(t.logprob ?? 0).toBeCloseTo(completion.prompt![i]!.logprob ?? 0, 5);
    }
    expectSameRun(essence(parseResponse(sse)), essence(parsed));
    record('openai-completions.tokenscope-serve-echo-stream.recorded.sse.txt', sse);
  });
});
