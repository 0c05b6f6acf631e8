import type { RunRecord } from '@tokenscope/core';
import { openRunStore, type RunStore } from '@tokenscope/store';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixture, gate, sseEvents, startTestUpstream, type TestUpstream } from '../../test/testUpstream.js';
import type { RunningServer } from '../startServer.js';
import { RecordError } from './RecordError.js';
import { startProxy } from './startProxy.js';
import { UpstreamRefusedLogprobsError } from './UpstreamRefusedLogprobsError.js';

/**
 * The proxy in front of an upstream that replays recordings (tokenscope serve on stories260K, OpenAI's
 * documented Responses examples) and misbehaves on purpose: holds a stream half-way until the test
 * says so, refuses logprobs, cuts the connection.
 */

const CHAT_STREAM = fixture('openai-chat.tokenscope-serve-stories260k-stream.recorded.sse.txt');
const CHAT_PLAIN = fixture('openai-chat.bad-no-logprobs.unrecorded.json');
const RESPONSES_WHOLE = fixture('openai-responses.whole.unrecorded.json');
const RESPONSES_STREAM = fixture('openai-responses.stream-fffd.unrecorded.sse.txt');
const REFUSAL = JSON.stringify({
  error: {
    message: 'You are not allowed to request logprobs from this model',
    type: 'invalid_request_error',
    param: 'logprobs',
    code: null,
  },
});

let upstream: TestUpstream;
let proxy: RunningServer;
let store: RunStore;
let client: OpenAI;
const records: RunRecord[] = [];
const recordErrors: Error[] = [];

beforeAll(async () => {
  upstream = await startTestUpstream(() => {});
  store = await openRunStore({ file: ':memory:' });
  proxy = await startProxy({
    upstream: `${upstream.url}/v1`,
    topLogprobs: 3,
    store,
    onRecord: (run) => records.push(run),
    onRecordError: (error) => recordErrors.push(error),
  });
  client = new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: 'sk-client', maxRetries: 0 });
});

afterAll(async () => {
  await proxy?.close();
  await upstream?.close();
  await store?.close();
});

beforeEach(() => {
  records.length = 0;
  recordErrors.length = 0;
  upstream.requests.length = 0;
});

const held: Array<() => void> = [];
afterEach(() => {
  for (const open of held.splice(0)) open();
});

/** An upstream that sends the first `first` events of a recording, then waits for the gate. */
function holdAfter(text: string, first: number, type = 'text/event-stream') {
  const signal = gate();
  held.push(signal.open);
  let finished = false;
  upstream.handle(async (_, res) => {
    const events = sseEvents(text);
    res.writeHead(200, { 'content-type': type });
    for (const event of events.slice(0, first)) res.write(event);
    await signal.promise;
    if (res.destroyed) return;
    for (const event of events.slice(first)) res.write(event);
    finished = true;
    res.end();
  });
  return { open: signal.open, finished: () => finished };
}

function reply(status: number, body: string, type = 'application/json') {
  return (_: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(status, { 'content-type': type, 'x-request-id': 'req_123' });
    res.end(body);
  };
}

/** The recording's chunks as a client that asked for no logprobs gets them. */
function withoutLogprobs(text: string): unknown[] {
  return sseEvents(text)
    .map((e) => e.slice('data: '.length).trim())
    .filter((d) => d !== '[DONE]')
    .map((d) => {
      const chunk = JSON.parse(d) as { choices: Array<{ logprobs: unknown }> };
      for (const choice of chunk.choices) choice.logprobs = null;
      return chunk;
    });
}

describe('streaming', () => {
  it('passes each event on as it arrives: the first chunks reach the client before the upstream ends', async () => {
    const upstreamSide = holdAfter(CHAT_STREAM, 2);
    const stream = await client.chat.completions.create({
      model: 'stories260K',
      messages: [{ role: 'user', content: 'Once upon a time' }],
      stream: true,
    });
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    const second = await iterator.next();
    expect(upstreamSide.finished()).toBe(false);
    expect(first.value?.choices[0]?.delta.role).toBe('assistant');
    expect(second.value?.choices[0]?.delta.content).toBe(' ');
    expect(second.value?.choices[0]?.logprobs).toBeNull();
    upstreamSide.open();
    const chunks = [first.value, second.value];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) chunks.push(next.value);
    expect(upstreamSide.finished()).toBe(true);
    expect(chunks).toEqual(withoutLogprobs(CHAT_STREAM));
    // The upstream was asked for logprobs; the store has them.
    expect(JSON.parse(upstream.requests[0]!.body)).toMatchObject({
      logprobs: true,
      top_logprobs: 3,
      stream: true,
    });
    await vi.waitFor(() => expect(records).toHaveLength(1));
    const run = await store.get(records[0]!.id);
    expect(run.response.completions[0]!.topK).toBe(3);
    expect(run.response.completions[0]!.text).toBe(
      chunks.map((c) => c?.choices[0]?.delta.content ?? '').join(''),
    );
  });

  it('a client that stops reading cancels the upstream request, and nothing is recorded', async () => {
    const upstreamSide = holdAfter(CHAT_STREAM, 2);
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'stories260K', messages: [{ role: 'user', content: 'Once' }], stream: true },
      { signal: controller.signal },
    );
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    await upstream.requests[0]!.closedEarly;
    expect(upstreamSide.finished()).toBe(false);
    upstreamSide.open();
    // A later exchange is recorded; the aborted one never is.
    upstream.handle(reply(200, CHAT_STREAM, 'text/event-stream'));
    await client.chat.completions.create({
      model: 'stories260K',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    await vi.waitFor(() => expect(records).toHaveLength(1));
    expect(recordErrors).toEqual([]);
  });

  it('a client that gives up on a whole answer cancels the upstream request', async () => {
    const signal = gate();
    held.push(signal.open);
    upstream.handle(async (_, res) => {
      await signal.promise;
      if (!res.destroyed) reply(200, CHAT_PLAIN)(undefined, res);
    });
    const controller = new AbortController();
    const pending = client.chat.completions
      .create(
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] },
        { signal: controller.signal },
      )
      .catch((e: unknown) => e);
    await vi.waitFor(() => expect(upstream.requests).toHaveLength(1));
    controller.abort();
    await upstream.requests[0]!.closedEarly;
    expect(await pending).toBeInstanceOf(Error);
  });

  it('a stream the upstream cuts off fails for the client, is not recorded, and the proxy goes on', async () => {
    upstream.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const event of sseEvents(CHAT_STREAM).slice(0, 3)) res.write(event);
      setImmediate(() => res.socket?.destroy());
    });
    const stream = await client.chat.completions.create({
      model: 'stories260K',
      messages: [{ role: 'user', content: 'Once' }],
      stream: true,
    });
    const seen: unknown[] = [];
    const failure = await (async () => {
      for await (const chunk of stream) seen.push(chunk);
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(seen.length).toBeLessThanOrEqual(3);
    upstream.handle(reply(200, CHAT_PLAIN));
    const answer = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(answer.choices[0]!.message.content).toBe('Hello!');
    expect(records).toEqual([]);
  });
});

describe('an upstream that refuses logprobs', () => {
  const ask = { model: 'o3-mini', messages: [{ role: 'user', content: 'Hi' }] };
  const post = (body: unknown) =>
    fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-client' },
      body: JSON.stringify(body),
    });

  it("gets the client's own request again; the client gets that answer; later requests go up unchanged", async () => {
    upstream.handle((request, res) =>
      'logprobs' in JSON.parse(request.body)
        ? reply(400, REFUSAL)(request, res)
        : reply(200, CHAT_PLAIN)(request, res),
    );
    const response = await post(ask);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req_123');
    expect(await response.text()).toBe(CHAT_PLAIN);
    expect(upstream.requests.map((r) => JSON.parse(r.body))).toEqual([
      { ...ask, logprobs: true, top_logprobs: 3 },
      ask,
    ]);
    expect(upstream.requests[1]!.body).toBe(JSON.stringify(ask));
    expect(recordErrors).toHaveLength(1);
    expect(recordErrors[0]).toBeInstanceOf(UpstreamRefusedLogprobsError);
    expect(recordErrors[0]!.message).toContain('You are not allowed to request logprobs');
    expect(await (await post(ask)).text()).toBe(CHAT_PLAIN);
    expect(upstream.requests).toHaveLength(3);
    expect(JSON.parse(upstream.requests[2]!.body)).toEqual(ask);
    expect(recordErrors).toHaveLength(1);
    expect(records).toEqual([]);
  });

  it('passes the refusal on when the client asked for logprobs itself, and other errors as they are', async () => {
    upstream.handle(reply(400, REFUSAL));
    const own = await post({ model: 'o4-mini', messages: ask.messages, logprobs: true, top_logprobs: 5 });
    expect(own.status).toBe(400);
    expect(await own.text()).toBe(REFUSAL);
    expect(upstream.requests).toHaveLength(1);
    const other = JSON.stringify({ error: { message: 'Invalid model', type: 'invalid_request_error' } });
    upstream.handle(reply(400, other));
    const bad = await post({ ...ask, model: 'nope' });
    expect([bad.status, await bad.text()]).toEqual([400, other]);
    expect(upstream.requests).toHaveLength(2);
  });
});

describe('recording never touches the answer', () => {
  const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] };

  it('an upstream that ignores the logprobs asked for: the client gets its answer, the record error says why', async () => {
    upstream.handle(reply(200, CHAT_PLAIN));
    const answer = await client.chat.completions.create(ask);
    expect(answer.choices[0]!.message.content).toBe('Hello!');
    await vi.waitFor(() => expect(recordErrors).toHaveLength(1));
    expect(recordErrors[0]).toBeInstanceOf(RecordError);
    expect(recordErrors[0]!.message).toMatch(
      /^could not record POST \/v1\/chat\/completions \(model gpt-4o-mini\): .*logprobs/,
    );
    expect(records).toEqual([]);
  });

  it('a store that fails: the client gets its answer, whole or streamed', async () => {
    const broken = await openRunStore({ file: ':memory:' });
    await broken.close();
    const errors: Error[] = [];
    const other = await startProxy({
      upstream: upstream.url,
      store: broken,
      onRecordError: (e) => errors.push(e),
    });
    try {
      const otherClient = new OpenAI({ baseURL: `${other.url}/v1`, apiKey: 'x', maxRetries: 0 });
      upstream.handle(reply(200, CHAT_STREAM, 'text/event-stream'));
      let text = '';
      for await (const chunk of await otherClient.chat.completions.create({ ...ask, stream: true })) {
        text += chunk.choices[0]?.delta.content ?? '';
      }
      expect(text.length).toBeGreaterThan(0);
      await vi.waitFor(() => expect(errors).toHaveLength(1));
      expect(errors[0]).toBeInstanceOf(RecordError);
    } finally {
      await other.close();
    }
  });
});

describe('the Responses API (OpenAI documented examples)', () => {
  it('adds include + top_logprobs and gives back output_text logprobs as []', async () => {
    upstream.handle(reply(200, RESPONSES_WHOLE));
    const response = await client.responses.create({
      model: 'gpt-4.1',
      input: 'Say blue sky',
      instructions: 'Be brief',
    });
    const expected = JSON.parse(RESPONSES_WHOLE) as {
      output: Array<{ content: Array<{ logprobs: unknown[] }> }>;
    };
    for (const part of expected.output[0]!.content) part.logprobs = [];
    // The Response echoes the request's top_logprobs: the client's own (here the default, 0).
    Object.assign(expected, { top_logprobs: 0 });
    expect(JSON.parse(JSON.stringify(response))).toEqual(expect.objectContaining(expected));
    expect(JSON.parse(upstream.requests[0]!.body)).toMatchObject({
      include: ['message.output_text.logprobs'],
      top_logprobs: 3,
    });
    await vi.waitFor(() => expect(records).toHaveLength(1));
    const run = await store.get(records[0]!.id);
    expect(run.provider).toBe('openai-responses');
    expect(run.prompt).toEqual({
      kind: 'chat',
      messages: [
        { role: 'system', content: 'Be brief' },
        { role: 'user', content: 'Say blue sky' },
      ],
    });
    expect(run.response.completions[0]!.text).toBe('Blue sky.');
  });

  it('trims a client that asked for fewer alternatives', async () => {
    upstream.handle(reply(200, RESPONSES_WHOLE));
    const response = await client.responses.create({
      model: 'gpt-4.1',
      input: 'Say blue sky',
      include: ['message.output_text.logprobs'],
      top_logprobs: 1,
    });
    const part = response.output[0]!.type === 'message' ? response.output[0]!.content[0]! : undefined;
    const logprobs = part?.type === 'output_text' ? (part.logprobs ?? []) : [];
    expect(logprobs.length).toBeGreaterThan(0);
    for (const item of logprobs) expect(item.top_logprobs.length).toBeLessThanOrEqual(1);
    expect(JSON.parse(upstream.requests[0]!.body).top_logprobs).toBe(3);
  });

  it('streams events without logprobs and records the stream', async () => {
    upstream.handle(reply(200, RESPONSES_STREAM, 'text/event-stream'));
    const stream = await client.responses.create({ model: 'gpt-4.1-mini', input: 'crab', stream: true });
    const events: Array<{ type: string; logprobs?: unknown[]; delta?: string }> = [];
    for await (const event of stream) events.push(event as (typeof events)[number]);
    for (const event of events) if (event.logprobs) expect(event.logprobs).toEqual([]);
    const text = events
      .filter((e) => e.type === 'response.output_text.delta')
      .map((e) => e.delta)
      .join('');
    expect(text).toBe('I 🦀!');
    // The event that only carried the first half of the crab's bytes is gone.
    expect(events.some((e) => e.type === 'response.output_text.delta' && e.delta === '')).toBe(false);
    await vi.waitFor(() => expect(records).toHaveLength(1));
    expect((await store.get(records[0]!.id)).response.completions[0]!.text).toBe('I 🦀!');
  });
});

describe('what goes up and comes down', () => {
  it('forwards the key and end-to-end headers, drops hop-by-hop ones, keeps the upstream headers', async () => {
    upstream.handle(reply(200, '{"object":"list","data":[]}'));
    const response = await fetch(`${proxy.url}/v1/models?limit=2`, {
      headers: { authorization: 'Bearer sk-client', 'x-custom': 'yes', 'proxy-authorization': 'Basic abc' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req_123');
    const seen = upstream.requests[0]!;
    expect(seen.url).toBe('/v1/models?limit=2');
    expect(seen.headers.authorization).toBe('Bearer sk-client');
    expect(seen.headers['x-custom']).toBe('yes');
    expect(seen.headers['proxy-authorization']).toBeUndefined();
  });

  it("keeps the upstream's path and query (Azure-style base URLs)", async () => {
    const azure = await startProxy({
      upstream: `${upstream.url}/openai/deployments/gpt?api-version=2024-06-01`,
    });
    try {
      upstream.handle(reply(200, CHAT_PLAIN));
      const response = await fetch(`${azure.url}/v1/chat/completions?extra=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt', messages: [] }),
      });
      expect(await response.text()).toBe(CHAT_PLAIN);
      expect(upstream.requests[0]!.url).toBe(
        '/openai/deployments/gpt/chat/completions?api-version=2024-06-01&extra=1',
      );
    } finally {
      await azure.close();
    }
  });

  it('a request body the proxy cannot read goes up unchanged and the upstream answers it', async () => {
    upstream.handle(reply(400, '{"error":{"message":"bad json"}}'));
    const response = await fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model":',
    });
    expect([response.status, await response.text()]).toEqual([400, '{"error":{"message":"bad json"}}']);
    expect(upstream.requests[0]!.body).toBe('{"model":');
  });
});

describe('shutting down', () => {
  it('close() waits for the recordings still being saved', async () => {
    const plain = fixture('openai-chat.seed003.recorded.json');
    const own = await openRunStore({ file: ':memory:' });
    // a slow database: the save ends well after the answer went out
    const slow: RunStore = Object.assign(Object.create(own) as RunStore, {
      save: async (run: Parameters<RunStore['save']>[0]) => {
        await new Promise((r) => setTimeout(r, 300));
        return own.save(run);
      },
    });
    const saved: RunRecord[] = [];
    const local = await startProxy({
      upstream: `${upstream.url}/v1`,
      store: slow,
      onRecord: (r) => saved.push(r),
    });
    upstream.handle((_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(plain);
    });
    const response = await fetch(`${local.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Who is the president of Poland?' }],
      }),
    });
    expect(response.status).toBe(200);
    await response.text();
    await local.close(); // right after the answer: the save is still under way
    expect(saved).toHaveLength(1);
    expect((await own.list()).total).toBe(1);
    await own.close();
  });
});
