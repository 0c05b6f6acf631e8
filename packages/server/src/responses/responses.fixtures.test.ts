import { writeFileSync } from 'node:fs';
import { type LogprobResponse, parseResponse } from '@tokenscope/core';
import type { Engine } from '@tokenscope/local';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStories } from '../../test/storiesEngine.js';
import { type RunningServer, startServer } from '../startServer.js';

/**
 * Responses API answers, as the official client receives them from a running server, parse back
 * through core's `parseResponse` (format `openai-responses`) to the text and logprob values the
 * server sent. `RECORD_FIXTURES=1` also saves them as core's recorded fixtures (as roundTrip.test.ts
 * does for chat and completions).
 */

const FIXTURES = new URL('../../../core/src/formats/__fixtures__/', import.meta.url);
const MODEL = 'stories260K';
let engine: Engine;
let server: RunningServer;
let client: OpenAI;

beforeAll(async () => {
  engine = await loadStories();
  server = await startServer({ engines: [engine] });
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 });
});

afterAll(async () => {
  await server?.close();
  await engine?.close();
});

function record(name: string, text: string): void {
  if (process.env.RECORD_FIXTURES === '1') writeFileSync(new URL(name, FIXTURES), text);
}

// biome-ignore lint/suspicious/noExplicitAny: our own JSON, checked by the expectations
type Json = Record<string, any>;

/** The JSON values of an SSE text's `data:` lines. */
function events(sse: string): Json[] {
  return sse
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)) as Json);
}

/** Text and values of a parsed completion. */
function essence(response: LogprobResponse) {
  const c = response.completions[0]!;
  return {
    text: c.text,
    logprobs: c.tokens.map((t) => t.logprob),
    top: c.tokens.map((t) => t.top.map((a) => [a.text, a.logprob])),
  };
}

/** `output_text.logprobs` items as [logprob] and [[token, logprob]] lists. */
function values(items: Json[]) {
  return {
    logprobs: items.map((i) => i.logprob),
    top: items.map((i) => i.top_logprobs.map((a: Json) => [a.token, a.logprob])),
  };
}

const request = {
  model: MODEL,
  input: 'Once upon a time',
  max_output_tokens: 16,
  temperature: 0,
  include: ['message.output_text.logprobs' as const],
  top_logprobs: 3,
};

describe('Responses API answers parse back through @tokenscope/core', () => {
  it('whole and streamed, as the official client receives them', async () => {
    const text = await (await client.responses.create(request).asResponse()).text();
    const json = JSON.parse(text) as Json;
    const parsed = parseResponse(text);
    expect(parsed.format).toBe('openai-responses');
    expect(parsed.id).toBe(json.id);
    expect(parsed.model).toBe(MODEL);
    const part = json.output[0].content[0];
    expect(essence(parsed)).toEqual({ text: part.text, ...values(part.logprobs) });
    expect(parsed.completions[0]!.finishReason).toBe('max_output_tokens');
    record(
      'openai-responses.tokenscope-serve-stories260k.recorded.json',
      `${JSON.stringify(json, null, 2)}\n`,
    );

    const sse = await (await client.responses.create({ ...request, stream: true }).asResponse()).text();
    expect(sse.startsWith('event: response.created\ndata: ')).toBe(true);
    expect(sse).not.toContain('[DONE]');
    const deltas = events(sse).filter((e) => e.type === 'response.output_text.delta');
    const fromStream = parseResponse(sse);
    expect(fromStream.format).toBe('openai-responses');
    expect(essence(fromStream)).toEqual({
      text: deltas.map((e) => e.delta).join(''),
      ...values(deltas.flatMap((e) => e.logprobs)),
    });
    // Greedy: the same tokens (values may differ in the 7th digit between runs).
    expect(fromStream.completions[0]!.text).toBe(parsed.completions[0]!.text);
    const whole = essence(parsed).logprobs;
    for (const [i, v] of essence(fromStream).logprobs.entries()) expect(v).toBeCloseTo(whole[i]!, 5);
    record('openai-responses.tokenscope-serve-stories260k-stream.recorded.sse.txt', sse);
  });
});
