import type { RunStreamEvent } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { AppApiError } from './AppApiError';
import { createApiClient, queryString } from './client';
import { ServerUnreachableError } from './ServerUnreachableError';
import { StreamEndedError } from './StreamEndedError';

type Call = { url: string; init: RequestInit };

function fakeFetch(answer: (call: Call, n: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call = { url: String(input), init };
    calls.push(call);
    return answer(call, calls.length - 1);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function sse(events: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // Split every event in two chunks to exercise the incremental parser.
      for (const event of events) {
        const middle = Math.floor(event.length / 2);
        controller.enqueue(encoder.encode(event.slice(0, middle)));
        controller.enqueue(encoder.encode(event.slice(middle)));
      }
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

const token = (text: string) => ({ text, bytes: null, logprob: -0.1, top: [] });
const run = { id: 'r1', title: 'T' };

describe('createApiClient', () => {
  it('maps a JSON error body to an AppApiError with the server message, status and code', async () => {
    const { fetch } = fakeFetch(() =>
      jsonResponse(404, {
        error: {
          message: 'Run x not found: pick one from the list.',
          type: 'not_found',
          code: 'run_not_found',
        },
      }),
    );
    const error = await createApiClient({ fetch })
      .getRun('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppApiError);
    expect(error).toMatchObject({
      status: 404,
      code: 'run_not_found',
      type: 'not_found',
      message: 'Run x not found: pick one from the list.',
    });
  });

  it('explains a non-JSON error answer with its status and text', async () => {
    const { fetch } = fakeFetch(
      () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    await expect(createApiClient({ fetch }).status()).rejects.toThrow(/502 Bad Gateway: <html>Bad gateway/);
  });

  it('turns a failed fetch into ServerUnreachableError', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    const error = await createApiClient({ fetch })
      .status()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerUnreachableError);
    expect((error as Error).message).toMatch(/Failed to fetch.*tokenscope/);
  });

  it('asks for the API key once on 401, retries with it and keeps it for later requests', async () => {
    const { fetch, calls } = fakeFetch((call) =>
      new Headers(call.init.headers).get('Authorization') === 'Bearer k1'
        ? jsonResponse(200, { runs: [], total: 0 })
        : jsonResponse(401, { error: { message: 'API key required', type: 'auth' } }),
    );
    const asked: string[] = [];
    const client = createApiClient({
      fetch,
      askApiKey: async (m) => {
        asked.push(m);
        return 'k1';
      },
    });
    await expect(client.listRuns({ search: 'cat', limit: 10 })).resolves.toEqual({ runs: [], total: 0 });
    await client.listRuns();
    expect(asked).toEqual(['API key required']);
    expect(calls.map((c) => c.url)).toEqual([
      '/api/runs?search=cat&limit=10',
      '/api/runs?search=cat&limit=10',
      '/api/runs',
    ]);
    expect(client.hasApiKey()).toBe(true);
  });

  it('gives up with the 401 error when the key is refused or the user cancels', async () => {
    const { fetch, calls } = fakeFetch(() =>
      jsonResponse(401, { error: { message: 'Wrong key', type: 'auth' } }),
    );
    const wrong = createApiClient({ fetch, askApiKey: async () => 'bad' });
    await expect(wrong.status()).rejects.toMatchObject({ status: 401, message: 'Wrong key' });
    expect(calls).toHaveLength(2);
    const cancelled = createApiClient({ fetch, askApiKey: async () => null });
    await expect(cancelled.status()).rejects.toMatchObject({ status: 401 });
    expect(calls).toHaveLength(3);
  });

  it('sends JSON for mutations and the file as octet-stream for imports', async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse(200, run));
    const client = createApiClient({ fetch });
    await client.updateRun('a b', { title: 'New' });
    await client.importRun('resp.json', '{"x":1}');
    expect(calls[0]?.url).toBe('/api/runs/a%20b');
    expect(calls[0]?.init.method).toBe('PATCH');
    expect(new Headers(calls[0]?.init.headers).get('Content-Type')).toBe('application/json');
    expect(calls[0]?.init.body).toBe('{"title":"New"}');
    expect(calls[1]?.url).toBe('/api/import?name=resp.json');
    expect(new Headers(calls[1]?.init.headers).get('Content-Type')).toBe('application/octet-stream');
  });

  it('streams generation events in order and resolves with the saved run', async () => {
    const { fetch } = fakeFetch(() =>
      sse([
        `event: start\ndata: ${JSON.stringify({ type: 'start', model: 'm' })}\n\n`,
        `event: token\ndata: ${JSON.stringify({ type: 'token', index: 0, token: token('Hi') })}\n\n`,
        // Data without `type`: the event name says it.
        `event: token\ndata: ${JSON.stringify({ index: 1, token: token('!') })}\n\n`,
        `event: done\ndata: ${JSON.stringify({ type: 'done', run })}\n\n`,
      ]),
    );
    const events: RunStreamEvent[] = [];
    const saved = await createApiClient({ fetch }).generate(
      { target: { kind: 'local', model: 'm' }, prompt: { kind: 'text', text: 'x' }, params: {} },
      (e) => events.push(e),
    );
    expect(saved).toEqual(run);
    expect(events.map((e) => e.type)).toEqual(['start', 'token', 'token', 'done']);
    expect(events[2]).toMatchObject({ type: 'token', index: 1, token: { text: '!' } });
  });

  it('decodes a UTF-8 character split across chunks', async () => {
    const bytes = new TextEncoder().encode(
      `event: token\ndata: ${JSON.stringify({ type: 'token', index: 0, token: token('日本') })}\n\nevent: done\ndata: ${JSON.stringify({ type: 'done', run })}\n\n`,
    );
    const at = bytes.indexOf(0xe6) + 1; // inside the first character's three bytes
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, at));
        controller.enqueue(bytes.slice(at));
        controller.close();
      },
    });
    const { fetch } = fakeFetch(() => new Response(body, { status: 200 }));
    const texts: string[] = [];
    await createApiClient({ fetch }).generate(
      { target: { kind: 'local', model: 'm' }, prompt: { kind: 'text', text: 'x' }, params: {} },
      (e) => e.type === 'token' && texts.push(e.token.text),
    );
    expect(texts).toEqual(['日本']);
  });

  it('rejects with the error event of a stream', async () => {
    const { fetch } = fakeFetch(() =>
      sse([
        `event: error\ndata: ${JSON.stringify({ type: 'error', error: { message: 'Endpoint refuses logprobs', type: 'x', code: 'logprobs_unsupported' } })}\n\n`,
      ]),
    );
    await expect(
      createApiClient({ fetch }).branch('r1', { position: 2, token: { text: 'a' } }, () => undefined),
    ).rejects.toMatchObject({ code: 'logprobs_unsupported', message: 'Endpoint refuses logprobs' });
  });

  it('rejects with StreamEndedError when a stream ends without done', async () => {
    const { fetch } = fakeFetch(() =>
      sse([`event: token\ndata: ${JSON.stringify({ type: 'token', index: 0, token: token('a') })}\n\n`]),
    );
    const error = await createApiClient({ fetch })
      .generate(
        { target: { kind: 'local', model: 'm' }, prompt: { kind: 'text', text: 'x' }, params: {} },
        () => undefined,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamEndedError);
    expect((error as Error).message).toMatch(/after 1 token/);
  });

  it('rejects on malformed event data instead of dropping it', async () => {
    const { fetch } = fakeFetch(() => sse(['event: token\ndata: {not json\n\n']));
    await expect(
      createApiClient({ fetch }).generate(
        { target: { kind: 'local', model: 'm' }, prompt: { kind: 'text', text: 'x' }, params: {} },
        () => undefined,
      ),
    ).rejects.toThrow(SyntaxError);
  });

  it('refuses a generation with the server error before any stream', async () => {
    const { fetch } = fakeFetch(() =>
      jsonResponse(400, {
        error: { message: 'No model named nope', type: 'invalid_request_error', code: 'model_not_found' },
      }),
    );
    await expect(
      createApiClient({ fetch }).generate(
        { target: { kind: 'local', model: 'nope' }, prompt: { kind: 'text', text: 'x' }, params: {} },
        () => undefined,
      ),
    ).rejects.toMatchObject({ status: 400, code: 'model_not_found' });
  });
});

describe('queryString', () => {
  it('skips empty and undefined values and encodes the rest', () => {
    expect(queryString({ search: 'a b&c', tag: '', limit: 5, offset: undefined })).toBe(
      '?search=a+b%26c&limit=5',
    );
    expect(queryString({})).toBe('');
  });
});

describe('dataset routes', () => {
  it('builds the paths and queries, and PUTs settings as JSON', async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse(200, {}));
    const api = createApiClient({ fetch });
    await api.datasets();
    await api.facets('qa & b');
    await api.facets();
    await api.datasetSummary({
      dataset: 'qa',
      groupBy: 'model',
      publish: -0.4,
      review: undefined,
      model: '',
    });
    await api.datasetSettings('a/b');
    await api.saveDatasetSettings('a/b', { thresholds: { publish: -0.3, review: -2 }, note: 'n' });
    expect(calls.map((c) => c.url)).toEqual([
      '/api/datasets',
      '/api/facets?dataset=qa+%26+b',
      '/api/facets',
      '/api/datasets/summary?dataset=qa&groupBy=model&publish=-0.4',
      '/api/datasets/a%2Fb/settings',
      '/api/datasets/a%2Fb/settings',
    ]);
    const put = calls[5]!.init;
    expect(put.method).toBe('PUT');
    expect(new Headers(put.headers).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(put.body))).toEqual({ thresholds: { publish: -0.3, review: -2 }, note: 'n' });
  });
});
