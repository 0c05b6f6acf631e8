import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelCatalog } from '../src/app/AppServices.js';
import { closeTestStores, fixedCatalog, testServices } from '../test/appServices.js';
import { fakeEngine } from '../test/fakeEngine.js';
import { type SerialEngine, serialEngine } from '../test/serialEngine.js';
import { type RunningServer, startServer } from './startServer.js';

/**
 * The server against clients that misbehave at the HTTP level, over a real socket: requests Node
 * itself refuses, and streams whose reader stops reading without closing.
 */

const servers: RunningServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) await server.close();
  await closeTestStores();
});

/** Sends `head` (and `body`) on a new connection and resolves with everything that came back. */
function rawExchange(url: string, head: string, body = ''): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(head + body));
    sockets.push(socket);
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.once('error', reject);
    socket.once('close', () => {
      const [start = '', ...rest] = text.split('\r\n\r\n');
      let payload = rest.join('\r\n\r\n');
      if (/transfer-encoding: chunked/i.test(start))
        payload = payload.replace(/^[0-9a-f]+\r\n|\r\n0\r\n\r\n$/gi, '');
      resolve({ status: Number(start.split(' ')[1]), body: payload });
    });
  });
}

function expectOpenAiError(answer: { status: number; body: string }, status: number) {
  expect(answer.status).toBe(status);
  const json = JSON.parse(answer.body) as { error: Record<string, unknown> };
  expect(Object.keys(json.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(json.error.type).toBe('invalid_request_error');
  expect(String(json.error.message).length).toBeGreaterThan(10);
}

describe('answers Node gives itself', () => {
  it('are OpenAI-shaped: a 25 kB URL (431), broken framing, no Host (400), 413, 404, 405', async () => {
    const server = await startServer({ engines: [fakeEngine()], maxBodyBytes: 100 });
    servers.push(server);
    const host = 'Host: 127.0.0.1\r\n';
    const long = await rawExchange(
      server.url,
      `GET /v1/models?q=${'a'.repeat(25_000)} HTTP/1.1\r\n${host}\r\n`,
    );
    expectOpenAiError(long, 431);
    expect(JSON.parse(long.body).error.code).toBe('request_header_fields_too_large');
    expectOpenAiError(await rawExchange(server.url, 'NOT HTTP AT ALL\r\n\r\n'), 400);
    const framing = `POST /v1/completions HTTP/1.1\r\n${host}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n`;
    expectOpenAiError(await rawExchange(server.url, framing), 400);
    expectOpenAiError(
      await rawExchange(server.url, 'GET /v1/models HTTP/1.1\r\nConnection: close\r\n\r\n'),
      400,
    );
    expectOpenAiError(
      await rawExchange(server.url, `GET /v1/models HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n`),
      400,
    );
    const big = `POST /v1/completions HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 500\r\nConnection: close\r\n\r\n`;
    expectOpenAiError(await rawExchange(server.url, big, 'x'.repeat(500)), 413);
    expectOpenAiError(
      await rawExchange(server.url, `GET /v1/nope HTTP/1.1\r\n${host}Connection: close\r\n\r\n`),
      404,
    );
    expectOpenAiError(
      await rawExchange(server.url, `DELETE /v1/completions HTTP/1.1\r\n${host}Connection: close\r\n\r\n`),
      405,
    );
    // the server still answers after all that
    expect((await fetch(`${server.url}/v1/models`)).status).toBe(200);
  });
});

/** A catalog whose one model is `engine`, for the app's `/api/generate`. */
function catalogOf(engine: SerialEngine): ModelCatalog {
  return { ...fixedCatalog([{ id: 'serial', path: engine.info.path }]), engine: async () => engine };
}

/** Opens a connection, sends a streaming request and never reads the answer (the socket is paused). */
function stalledStream(url: string, path: string, body: unknown): Socket {
  const { hostname, port } = new URL(url);
  const json = JSON.stringify(body);
  const socket = connect(Number(port), hostname);
  sockets.push(socket);
  socket.pause();
  socket.on('error', () => {}); // the server cuts it off: that is the point
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`,
  );
  return socket;
}

const STREAMS: Array<[string, string, unknown]> = [
  [
    'chat completions',
    '/v1/chat/completions',
    {
      model: 'serial',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 100_000,
      stream: true,
      logprobs: true,
      top_logprobs: 5,
    },
  ],
  [
    'completions',
    '/v1/completions',
    { model: 'serial', prompt: 'Hi', max_tokens: 100_000, stream: true, logprobs: 5 },
  ],
  [
    "the app's generation",
    '/api/generate',
    {
      target: { kind: 'local', model: 'serial' },
      prompt: { kind: 'text', text: 'Hi' },
      params: { maxTokens: 100_000, topLogprobs: 5 },
    },
  ],
];

describe('a client that stops reading a stream', () => {
  it.each(STREAMS)(
    'on %s is cut off, and the engine goes on with the next request',
    async (_name, path, body) => {
      const engine = serialEngine();
      const stalls: string[] = [];
      const server = await startServer({
        engines: [engine],
        app: await testServices({ catalog: catalogOf(engine) }),
        stallTimeoutMs: 300,
        onStall: (request) => stalls.push(`${request.method} ${request.path}`),
      });
      servers.push(server);
      stalledStream(server.url, path, body);
      await expect.poll(() => engine.started).toBe(1);

      // Without the cut-off this waits for all 100 000 tokens of the stalled stream.
      const started = performance.now();
      const next = await fetch(`${server.url}/v1/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'serial', prompt: 'Hi', max_tokens: 4 }),
        signal: AbortSignal.timeout(8_000),
      });
      expect(next.status).toBe(200);
      expect(((await next.json()) as { usage: { completion_tokens: number } }).usage.completion_tokens).toBe(
        4,
      );
      expect(performance.now() - started).toBeLessThan(8_000);
      expect(engine.aborted).toBe(1);
      expect(stalls).toEqual([`POST ${path}`]);
    },
  );

  it('is not cut off while it reads, however slowly', async () => {
    const engine = serialEngine(1024);
    const server = await startServer({ engines: [engine], stallTimeoutMs: 200 });
    servers.push(server);
    const response = await fetch(`${server.url}/v1/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'serial', prompt: 'Hi', max_tokens: 300, stream: true }),
    });
    const reader = response.body!.getReader();
    let text = '';
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(engine.aborted).toBe(0);
  });
});
