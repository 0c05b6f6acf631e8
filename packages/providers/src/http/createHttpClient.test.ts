import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, type ReplayServer, startReplayServer } from '../../test/replayServer.js';
import { AbortError } from '../errors/AbortError.js';
import { AuthenticationError } from '../errors/AuthenticationError.js';
import { BadRequestError } from '../errors/BadRequestError.js';
import { ConnectionError } from '../errors/ConnectionError.js';
import { InternalServerError } from '../errors/InternalServerError.js';
import { RateLimitError } from '../errors/RateLimitError.js';
import { TimeoutError } from '../errors/TimeoutError.js';
import type { EndpointOptions } from '../Provider.js';
import { createHttpClient } from './createHttpClient.js';

let server: ReplayServer;
const KEY = 'sk-test-secret-0123456789';

beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server.close());

function endpoint(extra: Partial<EndpointOptions> = {}): EndpointOptions {
  return { baseURL: `${server.url}/v1`, apiKey: KEY, timeoutMs: 2_000, ...extra };
}

const OK = { body: '{"ok":true}' };
const countFor = (path: string) => server.received.filter((r) => r.url === path).length;

describe('retries', () => {
  it('retries a 429 after its retry-after, then succeeds', async () => {
    server.route('POST /v1/r429', { status: 429, headers: { 'retry-after': '0' }, body: '{}' }, OK);
    const retries: number[] = [];
    const http = createHttpClient(endpoint(), { onRetry: ({ delayMs }) => retries.push(delayMs) });
    expect(await http.json({ path: '/r429', body: {} })).toEqual({ ok: true });
    expect(retries).toEqual([0]);
    expect(countFor('/v1/r429')).toBe(2);
  });

  it('retries 500 twice, then succeeds; retry-after-ms wins over the backoff', async () => {
    const fail = { status: 500, headers: { 'retry-after-ms': '5' }, body: '{"error":{"message":"boom"}}' };
    server.route('POST /v1/r500', fail, fail, OK);
    const retries: number[] = [];
    const http = createHttpClient(endpoint(), { onRetry: ({ delayMs }) => retries.push(delayMs) });
    expect(await http.json({ path: '/r500', body: {} })).toEqual({ ok: true });
    expect(retries).toEqual([5, 5]);
  });

  it('gives up after maxRetries with the last error', async () => {
    const fail = {
      status: 503,
      headers: { 'retry-after': '0', 'x-request-id': 'req_42' },
      body: 'overloaded',
    };
    server.route('POST /v1/r503', fail);
    const error = await createHttpClient(endpoint({ maxRetries: 1 }))
      .json({ path: '/r503', body: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).requestId).toBe('req_42');
    expect((error as InternalServerError).message).toContain('overloaded');
    expect(countFor('/v1/r503')).toBe(2);
  });

  it('does not retry a 400 and keeps the provider message, code and param', async () => {
    server.route('POST /v1/r400', {
      status: 400,
      body: '{"error":{"message":"bad top_logprobs","type":"invalid_request_error","param":"top_logprobs"}}',
    });
    const error = (await createHttpClient(endpoint())
      .json({ path: '/r400', body: {} })
      .catch((e: unknown) => e)) as BadRequestError;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.upstreamStatus).toBe(400);
    expect(error.providerMessage).toBe('bad top_logprobs');
    expect(error.param).toBe('top_logprobs');
    expect(error.code).toBe('bad_request');
    expect(countFor('/v1/r400')).toBe(1);
  });

  it('a 429 is a RateLimitError; its retry-after is read in seconds', async () => {
    server.route('POST /v1/r429b', { status: 429, headers: { 'retry-after': '1' }, body: '{}' });
    const error = (await createHttpClient(endpoint({ maxRetries: 0 }))
      .json({ path: '/r429b', body: {} })
      .catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(1000);
  });
});

describe('the API key', () => {
  it('goes in the Authorization header and never into error messages, even when echoed', async () => {
    server.route('POST /v1/auth', {
      status: 401,
      body: JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}.` } }),
    });
    const error = (await createHttpClient(endpoint())
      .json({ path: '/auth', body: {} })
      .catch((e: unknown) => e)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(server.received.at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(error.message).not.toContain(KEY);
    expect(JSON.stringify(error.body)).not.toContain(KEY);
    expect(error.message).toContain('Incorrect API key provided: ***');
  });
});

describe('timeouts, abort, connection errors', () => {
  it('times out on slow headers (per attempt, retried)', async () => {
    server.route('POST /v1/slow', { headersDelayMs: 1_000, ...OK });
    const error = await createHttpClient(endpoint({ timeoutMs: 200, maxRetries: 1 }))
      .json({ path: '/slow', body: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain('200 ms');
    expect(countFor('/v1/slow')).toBe(2);
  });

  it('says connection refused', async () => {
    const port = await closedPort();
    const error = await createHttpClient({
      baseURL: `http://127.0.0.1:${port}/v1`,
      apiKey: KEY,
      maxRetries: 0,
    })
      .json({ path: '/x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect((error as Error).message).not.toContain(KEY);
  });

  it('stops on abort mid-stream, with an AbortError', async () => {
    server.route('POST /v1/stream', { file: 'tgi.generate-stream.recorded.sse.txt', pieceDelayMs: 30 });
    const controller = new AbortController();
    const seen: string[] = [];
    const run = async () => {
      for await (const event of createHttpClient(endpoint()).events({
        path: '/stream',
        body: {},
        signal: controller.signal,
      })) {
        seen.push(event.data);
        if (seen.length === 2) controller.abort();
      }
    };
    await expect(run()).rejects.toBeInstanceOf(AbortError);
    expect(seen).toHaveLength(2);
  });

  it('aborts before sending when the signal is already aborted', async () => {
    server.route('POST /v1/never', OK);
    const before = countFor('/v1/never');
    const error = await createHttpClient(endpoint())
      .json({ path: '/never', body: {}, signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(countFor('/v1/never')).toBe(before);
  });

  it('never retries once the stream started: a cut connection is one ConnectionError', async () => {
    server.route('POST /v1/cut', { file: 'tgi.generate-stream.recorded.sse.txt', cutAfterBytes: 300 });
    const seen: string[] = [];
    const run = async () => {
      for await (const event of createHttpClient(endpoint()).events({ path: '/cut', body: {} })) {
        seen.push(event.data);
      }
    };
    await expect(run()).rejects.toBeInstanceOf(ConnectionError);
    expect(seen.length).toBeGreaterThan(0);
    expect(countFor('/v1/cut')).toBe(1);
  });

  it('times out a stream that stalls between chunks, without retrying', async () => {
    server.route('POST /v1/stall', { file: 'tgi.generate-stream.recorded.sse.txt', pieceDelayMs: 400 });
    const run = async () => {
      for await (const _ of createHttpClient(endpoint({ timeoutMs: 200 })).events({
        path: '/stall',
        body: {},
      })) {
        // consume
      }
    };
    await expect(run()).rejects.toBeInstanceOf(TimeoutError);
    expect(countFor('/v1/stall')).toBe(1);
  });
});

describe('bodies', () => {
  it('reads JSON lines as they come', async () => {
    server.route('POST /v1/lines', { file: 'ollama.generate-stream.unrecorded.jsonl', pieceDelayMs: 1 });
    const lines: unknown[] = [];
    for await (const line of createHttpClient(endpoint()).lines({ path: '/lines', body: {} })) {
      lines.push(JSON.parse(line));
    }
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.at(-1)).toMatchObject({ done: true });
  });

  it('reads SSE events with their names', async () => {
    server.route('POST /v1/events', { file: 'openai-responses.stream-fffd.unrecorded.sse.txt' });
    const names: string[] = [];
    for await (const event of createHttpClient(endpoint()).events({ path: '/events', body: {} })) {
      names.push(event.event ?? '');
    }
    expect(names[0]).toBe('response.created');
    expect(names.at(-1)).toBe('response.completed');
  });
});
