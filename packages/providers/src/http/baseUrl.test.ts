import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReplayServer, startReplayServer } from '../../test/replayServer.js';
import { openaiCompletions } from '../adapters/openaiCompletions.js';
import { probeEndpoint } from '../probe/probeEndpoint.js';
import { displayUrl, joinUrl, withoutCredentials } from './baseUrl.js';
import { createHttpClient } from './createHttpClient.js';

/** Base URLs with a query (Azure's api-version, a key parameter) or a user:key@, against a real server. */

const SECRET = 'sk-SECRET-4242';
let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
  server.route('GET /v1/models', { body: '{"object":"list","data":[{"id":"m","object":"model"}]}' });
  server.route('POST /v1/completions', {
    body: '{"choices":[{"index":0,"text":"hi","finish_reason":"stop"}]}',
  });
});
afterAll(() => server.close());

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error);
}

describe('joinUrl', () => {
  it('puts the path before the base URL’s query and keeps it', () => {
    expect(joinUrl('http://h/v1?key=K', '/completions')).toBe('http://h/v1/completions?key=K');
    expect(joinUrl('http://h/v1/?api-version=1', 'models?limit=2')).toBe(
      'http://h/v1/models?api-version=1&limit=2',
    );
    expect(joinUrl('http://h/v1', '/models')).toBe('http://h/v1/models');
    expect(joinUrl('http://h/v1#x', '/models')).toBe('http://h/v1/models');
  });

  it('shows URLs without user, password or query', () => {
    expect(displayUrl(`http://u:${SECRET}@h:8/v1/?key=${SECRET}#f`)).toBe('http://h:8/v1');
    expect(displayUrl(`htp://u:${SECRET}@h/v1?key=${SECRET}`)).toBe('htp://h/v1');
    expect(withoutCredentials(`argument 'http://u:${SECRET}@h/v1?key=${SECRET}' is invalid`)).toBe(
      "argument 'http://h/v1' is invalid",
    );
  });
});

describe('a base URL with a query', () => {
  it('reaches <base>/<path>?<query> from the HTTP client, the adapters and the probe; messages never show the key', async () => {
    const baseURL = `${server.url}/v1?key=${SECRET}`;
    const http = createHttpClient({ baseURL, maxRetries: 0 });
    expect(await http.json({ path: '/models' })).toMatchObject({ object: 'list' });
    expect(server.received.at(-1)!.url).toBe(`/v1/models?key=${SECRET}`);

    const refused = await openaiCompletions
      .complete({ baseURL, maxRetries: 0 }, { model: 'm', prompt: 'Hi' })
      .then(() => 'no error', messageOf);
    expect(server.received.at(-1)!.url).toBe(`/v1/completions?key=${SECRET}`);
    expect(refused).toContain(`${server.url}/v1`); // it gave no logprobs: the message names the endpoint
    expect(refused).not.toContain(SECRET);

    const before = server.received.length;
    const report = await probeEndpoint({ baseURL, timeoutMs: 2_000 });
    const urls = server.received.slice(before).map((r) => r.url);
    expect(urls[0]).toBe(`/v1/models?key=${SECRET}`);
    for (const url of urls) expect(url).toMatch(new RegExp(`^/v1/[a-z/]+\\?key=${SECRET}$`));
    expect(report.baseURL).toBe(`${server.url}/v1`);
    expect(report.requests[0]!.status).toBe(200);
    expect(JSON.stringify(report)).not.toContain(SECRET);
  });

  it('refuses user:key@ in the base URL without repeating the key', async () => {
    const baseURL = `http://user:${SECRET}@${server.url.slice('http://'.length)}/v1?key=${SECRET}`;
    expect(() => createHttpClient({ baseURL })).toThrow(/user name or password/);
    expect(messageOf(catching(() => createHttpClient({ baseURL })))).not.toContain(SECRET);
    const failure = await openaiCompletions
      .complete({ baseURL }, { model: 'm', prompt: 'Hi' })
      .catch((e) => e);
    expect(messageOf(failure)).toMatch(/user name or password/);
    expect(messageOf(failure)).not.toContain(SECRET);
    const probe = await probeEndpoint({ baseURL }).catch((e) => e);
    expect(messageOf(probe)).not.toContain(SECRET);
  });
});

function catching(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (error) {
    return error;
  }
}
