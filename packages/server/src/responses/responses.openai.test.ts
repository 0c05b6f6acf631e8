import { mergeSplitCharacters, type Token } from '@tokenscope/core';
import type { Engine } from '@tokenscope/local';
import OpenAI, { BadRequestError, NotFoundError } from 'openai';
import type {
  ResponseOutputMessage,
  ResponseOutputText,
  ResponseStreamEvent,
} from 'openai/resources/responses/responses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectReaderAbortStopsGeneration, type SpyEngine, spyEngine } from '../../test/spyEngine.js';
import { loadStories } from '../../test/storiesEngine.js';
import { type RunningServer, startServer } from '../startServer.js';

/**
 * `POST /v1/responses` over a real socket, driven by the official `openai` client's
 * `responses.create`, on the real engine (stories260K, one thread, short generations).
 */

const MODEL = 'stories260K';
const LOGPROBS = ['message.output_text.logprobs' as const];
let engine: Engine;
let spy: SpyEngine;
let server: RunningServer;
let client: OpenAI;

/** The real engine that fails after its tokens: a crash in the middle of a stream. */
function failingAfterTokens(real: Engine): Engine {
  return {
    info: { ...real.info, id: 'failing' },
    async generate(request, options) {
      await real.generate({ ...request, maxTokens: 2 }, options);
      throw new Error('the engine crashed');
    },
    score: (text, options) => real.score(text, options),
    scoreContinuations: (...args) => real.scoreContinuations(...args),
    tokenize: (text) => real.tokenize(text),
    close: async () => {},
  };
}

beforeAll(async () => {
  engine = await loadStories();
  spy = spyEngine(engine);
  server = await startServer({ engines: [spy, failingAfterTokens(engine)] });
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 });
});

afterAll(async () => {
  await server?.close();
  await engine?.close();
});

type Logprob = ResponseOutputText.Logprob;

/** Token texts merged as core merges them (split UTF-8 characters joined by their bytes). */
function mergedText(items: readonly Logprob[]): string {
  const tokens: Token[] = items.map((i) => ({ text: i.token, bytes: i.bytes, logprob: i.logprob, top: [] }));
  return mergeSplitCharacters(tokens)
    .map((t) => t.text)
    .join('');
}

function expectGoodLogprobs(items: readonly Logprob[], top: number) {
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) {
    expect(item.logprob).toBeLessThanOrEqual(0);
    expect(item.bytes.length).toBeGreaterThan(0);
    expect(item.top_logprobs).toHaveLength(top);
    const values = item.top_logprobs.map((t) => t.logprob);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    // Greedy: the chosen token is the most likely one.
    expect(item.token).toBe(item.top_logprobs[0]!.token);
  }
}

function textPart(output: readonly unknown[]): ResponseOutputText {
  const message = output[0] as ResponseOutputMessage;
  expect(message).toMatchObject({ type: 'message', role: 'assistant' });
  expect(message.id).toMatch(/^msg_/);
  return message.content[0] as ResponseOutputText;
}

const request = {
  model: MODEL,
  input: 'Once upon a time',
  max_output_tokens: 16,
  temperature: 0,
  include: LOGPROBS,
  top_logprobs: 5,
};

describe('POST /v1/responses with the official client', () => {
  it('answers a response whose logprobs join to the output text', async () => {
    const response = await client.responses.create(request);
    expect(response.id).toMatch(/^resp_/);
    expect(response.object).toBe('response');
    expect(response.model).toBe(MODEL);
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(response.error).toBeNull();
    const part = textPart(response.output);
    expect(part.annotations).toEqual([]);
    expect(part.text.length).toBeGreaterThan(0);
    expect(response.output_text).toBe(part.text);
    expectGoodLogprobs(part.logprobs!, 5);
    expect(mergedText(part.logprobs!)).toBe(part.text);
    expect(response.usage).toMatchObject({
      output_tokens: 16,
      total_tokens: response.usage!.input_tokens + 16,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens_details: { reasoning_tokens: 0 },
    });
    expect(response).toMatchObject({ max_output_tokens: 16, temperature: 0, top_logprobs: 5, top_p: 1 });
  });

  it('streams the events OpenAI sends, each delta with its logprobs', async () => {
    const stream = await client.responses.create({ ...request, stream: true });
    const events: ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const types = events.map((e) => e.type);
    const deltas = events.filter((e) => e.type === 'response.output_text.delta');
    expect(types.slice(0, 4)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
    ]);
    expect(types.slice(4, 4 + deltas.length).every((t) => t === 'response.output_text.delta')).toBe(true);
    expect(types.slice(4 + deltas.length)).toEqual([
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.incomplete',
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));

    const text = deltas.map((e) => e.delta).join('');
    const items = deltas.flatMap((e) => e.logprobs) as unknown as Logprob[];
    expectGoodLogprobs(items, 5);
    expect(mergedText(items)).toBe(text);
    const done = events.find((e) => e.type === 'response.output_text.done')!;
    expect(done).toMatchObject({ text, logprobs: items });
    const last = events.at(-1)!;
    if (last.type !== 'response.incomplete') throw new Error(`ended with ${last.type}`);
    expect(last.response.output_text ?? textPart(last.response.output).text).toBe(text);
    expect(textPart(last.response.output).logprobs).toEqual(items);
    expect(last.response.usage!.output_tokens).toBe(items.length);

    // The same greedy request whole gives the same text.
    const whole = await client.responses.create({ ...request, include: [] });
    expect(whole.output_text).toBe(text);
  });

  it('gives no logprobs unless include asks for them, as OpenAI', async () => {
    const response = await client.responses.create({ ...request, include: undefined, max_output_tokens: 4 });
    expect(textPart(response.output).logprobs).toEqual([]);
    const stream = await client.responses.create({ ...request, include: null, stream: true });
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') expect(event.logprobs).toEqual([]);
    }
    const bare = await client.responses.create({
      model: MODEL,
      input: 'Hi',
      include: LOGPROBS,
      max_output_tokens: 2,
    });
    expect(textPart(bare.output).logprobs![0]!.top_logprobs).toEqual([]);
  });

  it('takes instructions and a list of messages with input_text parts; echoes what it took', async () => {
    const response = await client.responses.create({
      model: MODEL,
      instructions: 'Tell a story.',
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'Once upon' }] },
        { type: 'message', role: 'assistant', content: 'a time' },
        { role: 'user', content: 'Go on' },
      ],
      max_output_tokens: 6,
      temperature: 0,
      top_p: 0.9,
      store: true,
      metadata: { run: 'test' },
      user: 'tester',
    });
    expect(response.output_text.length).toBeGreaterThan(0);
    expect(response).toMatchObject({
      instructions: 'Tell a story.',
      top_p: 0.9,
      store: false, // nothing is stored
      metadata: { run: 'test' },
      user: 'tester',
      text: { format: { type: 'text' } },
      tools: [],
    });
    const plain = await client.responses.create({
      model: MODEL,
      input: 'Go on',
      max_output_tokens: 6,
      temperature: 0,
    });
    expect(response.usage!.input_tokens).toBeGreaterThan(plain.usage!.input_tokens);
  });

  it('constrains the text to a JSON schema (text.format json_schema)', async () => {
    const response = await client.responses.create({
      model: MODEL,
      input: 'A pet',
      temperature: 0,
      max_output_tokens: 48,
      include: LOGPROBS,
      text: {
        format: {
          type: 'json_schema',
          name: 'pet',
          strict: true,
          schema: {
            type: 'object',
            properties: { kind: { enum: ['cat', 'dog'] }, cute: { type: 'boolean' } },
            required: ['kind', 'cute'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(response.status).toBe('completed');
    const value = JSON.parse(response.output_text) as { kind: string; cute: boolean };
    expect(['cat', 'dog']).toContain(value.kind);
    expect(typeof value.cute).toBe('boolean');
    expect(response.text?.format).toMatchObject({ type: 'json_schema', name: 'pet' });
    const part = textPart(response.output);
    expect(mergedText(part.logprobs!)).toBe(response.output_text);
    const extension = (response as unknown as { tokenscope: { constraint: { kind: string } } }).tokenscope;
    expect(extension.constraint.kind).toBe('json-schema');
  });

  it('a client that stops reading a stream aborts its generation', async () => {
    const before = spy.calls.length;
    const controller = new AbortController();
    const stream = await client.responses.create(
      { model: MODEL, input: 'Once', max_output_tokens: 400, stream: true, include: LOGPROBS },
      { signal: controller.signal },
    );
    await expectReaderAbortStopsGeneration(spy, before, stream, controller, 6, 400);
  });

  it('ends a stream that fails midway with an error event and response.failed', async () => {
    const stream = await client.responses.create({ ...request, model: 'failing', stream: true });
    const events: ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const types = events.map((e) => e.type);
    expect(types).toContain('response.output_text.delta');
    expect(types.slice(-2)).toEqual(['error', 'response.failed']);
    const error = events.at(-2)!;
    expect(error).toMatchObject({ code: 'server_error', message: expect.stringMatching(/engine crashed/) });
    const failed = events.at(-1)!;
    if (failed.type !== 'response.failed') throw new Error(failed.type);
    expect(failed.response.status).toBe('failed');
    expect(failed.response.error).toMatchObject({ code: 'server_error' });
  });
});

describe('POST /v1/responses errors, in OpenAI shape', () => {
  it.each([
    ['input that is not text', { input: 5 }, 'input'],
    [
      'an image part',
      { input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'x' }] }] },
      'input[0].content',
    ],
    [
      'a tool output item',
      { input: [{ type: 'function_call_output', call_id: 'c', output: 'x' }] },
      'input[0].type',
    ],
    ['top_logprobs 21', { top_logprobs: 21, include: LOGPROBS }, 'top_logprobs'],
    ['an unknown field', { temprature: 0 }, 'temprature'],
    ['an unknown include', { include: ['message.output_text.entropy'] }, 'include[0]'],
    ['a bad text.format', { text: { format: { type: 'xml' } } }, 'text.format.type'],
    ['tools', { tools: [{ type: 'web_search' }] }, 'tools'],
    ['previous_response_id', { previous_response_id: 'resp_1' }, 'previous_response_id'],
  ])('BadRequestError for %s', async (_, extra, param) => {
    const body = { model: MODEL, input: 'Hi', max_output_tokens: 2, ...extra };
    const error = await client.responses.create(body as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe(param);
    expect((error as BadRequestError).type).toBe('invalid_request_error');
  });

  it('NotFoundError model_not_found for an unknown model', async () => {
    const error = await client.responses.create({ model: 'gpt-9', input: 'Hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).code).toBe('model_not_found');
    expect((error as NotFoundError).param).toBe('model');
  });

  it('BadRequestError context_length_exceeded for input longer than the context', async () => {
    const input = 'Once upon a time there was a cat. '.repeat(250);
    const error = await client.responses.create({ model: MODEL, input }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).code).toBe('context_length_exceeded');
    expect((error as BadRequestError).param).toBe('input');
  });

  it('405 for another method', async () => {
    const response = await fetch(`${server.url}/v1/responses`);
    expect(response.status).toBe(405);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('method_not_supported');
  });
});
