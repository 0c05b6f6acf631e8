import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores, testServices } from '../test/appServices.js';
import { fakeEngine } from '../test/fakeEngine.js';
import { startTestUpstream, type TestUpstream } from '../test/testUpstream.js';
import { type RunningServer, startServer } from './startServer.js';

/** Base URLs the web app sends to `/api` with a key in them: no answer ever repeats the key. */

const SECRET = 'sk-SECRET-4242';
const servers: RunningServer[] = [];
const upstreams: TestUpstream[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const upstream of upstreams.splice(0)) await upstream.close();
  await closeTestStores();
});

async function generate(server: RunningServer, baseURL: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.url}/api/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      target: { kind: 'remote', baseURL, model: 'm' },
      prompt: { kind: 'text', text: 'Hi' },
    }),
  });
  return { status: response.status, text: await response.text() };
}

describe('/api with a key in the base URL', () => {
  it('sends the path before the query and never answers with the key', async () => {
    const upstream = await startTestUpstream((_request, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"bad key","type":"invalid_request_error"}}');
    });
    upstreams.push(upstream);
    const server = await startServer({ engines: [fakeEngine()], app: await testServices() });
    servers.push(server);
    const host = upstream.url.slice('http://'.length);

    const withQuery = await generate(server, `${upstream.url}/v1?key=${SECRET}`);
    expect(upstream.requests.at(-1)!.url).toBe(`/v1/completions?key=${SECRET}`);
    expect(withQuery.text).toContain('event: error');
    expect(withQuery.text).not.toContain(SECRET);

    const withUser = await generate(server, `http://user:${SECRET}@${host}/v1`);
    expect(withUser.text).toMatch(/user name or password/);
    expect(withUser.text).not.toContain(SECRET);

    const wrong = await generate(server, `htp://user:${SECRET}@${host}/v1?key=${SECRET}`);
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('target.baseURL');
    expect(wrong.text).not.toContain(SECRET);
    expect(upstream.requests).toHaveLength(1);
  });
});
