import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeEngine, fakeEngine } from '../test/fakeEngine.js';
import { startTestUpstream, type TestUpstream } from '../test/testUpstream.js';
import { startProxy } from './proxy/startProxy.js';
import { type RunningServer, startServer } from './startServer.js';

/**
 * Web pages in a visitor's browser against the local `/v1` (of `serve` and of `proxy`), over a real
 * socket: what a page can send without a preflight (a form, `text/plain`, no type, `Origin: null`)
 * must never reach the model; `--cors ORIGIN` lets that one origin in, with CORS headers.
 */

const servers: RunningServer[] = [];
const upstreams: TestUpstream[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const upstream of upstreams.splice(0)) await upstream.close();
});

const EVIL = 'http://evil.example.com';
const APP = 'http://localhost:5173';
const BODY = JSON.stringify({ model: 'fake', prompt: 'Hi', max_tokens: 2 });

function post(url: string, headers: Record<string, string>, body: BodyInit = BODY) {
  return fetch(url, { method: 'POST', headers, body });
}

async function expectRefused(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const { error } = (await response.json()) as { error: Record<string, unknown> };
  expect(error).toMatchObject({ type: 'invalid_request_error', param: null, code });
  expect(response.headers.get('access-control-allow-origin')).toBeNull();
}

/** What a page on another site can send without a preflight, each of which must be refused. */
function simpleRequests(url: string): Array<[string, Promise<Response>, number, string]> {
  const form = new FormData();
  form.set('prompt', 'Hi');
  return [
    [
      'foreign origin, text/plain',
      post(url, { Origin: EVIL, 'Content-Type': 'text/plain' }),
      403,
      'origin_not_allowed',
    ],
    [
      'foreign origin, JSON',
      post(url, { Origin: EVIL, 'Content-Type': 'application/json' }),
      403,
      'origin_not_allowed',
    ],
    ['Origin: null', post(url, { Origin: 'null', 'Content-Type': 'text/plain' }), 403, 'origin_not_allowed'],
    [
      'a form',
      post(url, { 'Content-Type': 'application/x-www-form-urlencoded' }, 'prompt=Hi'),
      415,
      'unsupported_media_type',
    ],
    ['multipart', post(url, {}, form), 415, 'unsupported_media_type'],
    ['text/plain', post(url, { 'Content-Type': 'text/plain' }), 415, 'unsupported_media_type'],
    [
      'no content type',
      fetch(url, { method: 'POST', body: new Blob([BODY]) }),
      415,
      'unsupported_media_type',
    ],
  ];
}

describe('serve /v1 against other web pages', () => {
  async function serve(cors?: string[]): Promise<{ server: RunningServer; engine: FakeEngine }> {
    const engine = fakeEngine();
    const server = await startServer({ engines: [engine], ...(cors && { cors }) });
    servers.push(server);
    return { server, engine };
  }

  it('refuses what a page can send without a preflight, before the model runs', async () => {
    const { server, engine } = await serve();
    const url = `${server.url}/v1/completions`;
    for (const [what, response, status, code] of simpleRequests(url)) {
      await expectRefused(await response, status, code).catch((error: Error) => {
        throw new Error(`${what}: ${error.message}`);
      });
    }
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: { Origin: EVIL, 'Access-Control-Request-Method': 'POST' },
    });
    await expectRefused(preflight, 403, 'origin_not_allowed');
    expect(engine.calls).toHaveLength(0);

    // curl, the SDKs (no Origin) and the server's own pages go on working
    expect((await post(url, { 'Content-Type': 'application/json' })).status).toBe(200);
    expect(
      (await post(url, { Origin: server.url, 'Content-Type': 'application/json; charset=utf-8' })).status,
    ).toBe(200);
    expect((await fetch(`${server.url}/v1/models`)).status).toBe(200);
    expect(engine.calls).toHaveLength(2);
  });

  it('with --cors ORIGIN answers that origin’s preflight and requests with CORS headers, and no other', async () => {
    const { server, engine } = await serve([APP]);
    const url = `${server.url}/v1/chat/completions`;
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        Origin: APP,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization, content-type');

    const body = JSON.stringify({ model: 'fake', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    const answer = await post(url, { Origin: APP, 'Content-Type': 'application/json' }, body);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe(APP);
    expect(await answer.text()).toContain('data: [DONE]');
    const refused = await post(url, { Origin: APP, 'Content-Type': 'text/plain' }, body);
    expect(refused.status).toBe(415);
    expect(refused.headers.get('access-control-allow-origin')).toBe(APP); // the page can read why

    await expectRefused(
      await post(url, { Origin: EVIL, 'Content-Type': 'application/json' }, body),
      403,
      'origin_not_allowed',
    );
    expect(engine.calls).toHaveLength(1);
  });

  it('with --cors * lets any page in', async () => {
    const { server } = await serve(['*']);
    const answer = await post(`${server.url}/v1/completions`, {
      Origin: EVIL,
      'Content-Type': 'application/json',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses a --cors value that is not an origin', async () => {
    await expect(serve(['http://localhost:5173/app'])).rejects.toThrow(/invalid cors: expected a web origin/);
  });
});

/** An upstream that answers every request with an empty model list, closed after the test. */
async function startModelsUpstream(): Promise<TestUpstream> {
  const upstream = await startTestUpstream((_request, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"object":"list","data":[]}');
  });
  upstreams.push(upstream);
  return upstream;
}

describe('proxy /v1 against other web pages', () => {
  it('refuses what a page can send without a preflight, and lets --cors origins in', async () => {
    const upstream = await startModelsUpstream();
    const proxy = await startProxy({ upstream: `${upstream.url}/v1` });
    servers.push(proxy);
    for (const [what, response, status, code] of simpleRequests(`${proxy.url}/v1/completions`)) {
      await expectRefused(await response, status, code).catch((error: Error) => {
        throw new Error(`${what}: ${error.message}`);
      });
    }
    await expectRefused(
      await fetch(`${proxy.url}/v1/models`, { headers: { Origin: EVIL } }),
      403,
      'origin_not_allowed',
    );
    expect(upstream.requests).toHaveLength(0);
    expect((await fetch(`${proxy.url}/v1/models`)).status).toBe(200);
    expect(upstream.requests).toHaveLength(1);

    const open = await startProxy({ upstream: `${upstream.url}/v1`, cors: [APP] });
    servers.push(open);
    const allowed = await fetch(`${open.url}/v1/models`, { headers: { Origin: APP } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
    // The call upstream is the proxy's own: the page's Origin stays with the proxy.
    expect(upstream.requests.at(-1)!.headers.origin).toBeUndefined();
  });

  it('on loopback, answers only loopback host names (DNS rebinding), as serve does', async () => {
    const upstream = await startModelsUpstream();
    const proxy = await startProxy({ upstream: `${upstream.url}/v1` });
    servers.push(proxy);
    const port = new URL(proxy.url).port;
    const rebound = await rawGet(port, '/v1/models', `evil.example.com:${port}`);
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain('host_not_allowed');
    expect(upstream.requests).toHaveLength(0);
    expect((await rawGet(port, '/v1/models', `localhost:${port}`)).status).toBe(200);
  });

  it('proxy --cors in front of a serve started without --cors: the allowed page gets its answer', async () => {
    const engine = fakeEngine();
    const serve = await startServer({ engines: [engine] });
    servers.push(serve);
    const proxy = await startProxy({ upstream: `${serve.url}/v1`, cors: [APP] });
    servers.push(proxy);
    const answer = await fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { Origin: APP, 'content-type': 'application/json' },
      body: JSON.stringify({ model: engine.info.id, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(answer.status, await answer.clone().text()).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe(APP);
  });
});

/** A GET with the Host header as given (fetch would not send another host's name). */
function rawGet(port: string, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
