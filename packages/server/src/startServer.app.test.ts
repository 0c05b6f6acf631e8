import { request as httpRequest } from 'node:http';
import type { AppStatus, RunRecord } from '@tokenscope/core';
import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores, testServices } from '../test/appServices.js';
import { fakeEngine } from '../test/fakeEngine.js';
import { type RunningServer, startServer } from './startServer.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await closeTestStores();
});

/** A GET with a chosen Host header (fetch does not let a page pick it; a rebound DNS name does). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end();
  });
}

describe('startServer with the web app', () => {
  it('serves /v1, /api and / on one socket; refuses foreign origins and rebound host names', async () => {
    const server = await startServer({ engines: [fakeEngine()], app: await testServices() });
    servers.push(server);
    const status = (await (await fetch(`${server.url}/api/status`)).json()) as AppStatus;
    expect(status.version).toBe('9.9.9');
    expect((await fetch(`${server.url}/v1/models`)).status).toBe(200);
    const page = await fetch(`${server.url}/runs/x`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');

    const body =
      '{"model":"m","choices":[{"index":0,"text":"Hi","logprobs":{"tokens":["Hi"],"token_logprobs":[-0.5],"top_logprobs":null,"text_offset":[0]}}]}';
    const own = await fetch(`${server.url}/api/import?name=hi.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.url },
      body,
    });
    expect(own.status).toBe(201);
    expect(((await own.json()) as RunRecord).response.completions[0]?.text).toBe('Hi');
    const foreign = await fetch(`${server.url}/api/import?name=hi.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://attacker.example' },
      body,
    });
    expect(foreign.status).toBe(403);

    const port = new URL(server.url).port;
    expect(await getWithHost(`${server.url}/api/status`, `attacker.example:${port}`)).toBe(403);
    expect(await getWithHost(`${server.url}/api/status`, `localhost:${port}`)).toBe(200);
    expect(await getWithHost(`${server.url}/v1/models`, `attacker.example:${port}`)).toBe(403);
    expect(await getWithHost(`${server.url}/v1/models`, `127.0.0.1:${port}`)).toBe(200);
  });
});
