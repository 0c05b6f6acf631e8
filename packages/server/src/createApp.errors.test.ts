import { TokenscopeError } from '@tokenscope/core';
import { EngineCrashedError } from '@tokenscope/local';
import { describe, expect, it } from 'vitest';
import { fakeEngine } from '../test/fakeEngine.js';
import { createApp } from './createApp.js';

/** Routing, validation and error shapes through `app.request()` (no socket), on a hand-written engine. */

const chat = { model: 'fake', messages: [{ role: 'user', content: 'Hi' }] };

function post(
  app: ReturnType<typeof createApp>,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function expectError(
  response: Response,
  status: number,
  param: string | null,
  code: string | null = null,
) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: Record<string, unknown> };
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(body.error.param).toBe(param);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message).not.toContain('\n');
  return body.error;
}

describe('host names', () => {
  it('with loopbackHostOnly, /v1 refuses host names other than loopback ones (DNS rebinding)', async () => {
    const app = createApp({ engines: [fakeEngine()], loopbackHostOnly: true });
    const error = await expectError(
      await app.request('http://rebound.example:8080/v1/models'),
      403,
      null,
      'host_not_allowed',
    );
    expect(error.message).toContain('"rebound.example"');
    expect(error.message).toContain('http://127.0.0.1:8080/');
    const refused = await post(app, 'http://rebound.example:8080/v1/chat/completions', chat);
    await expectError(refused, 403, null, 'host_not_allowed');
    for (const host of ['127.0.0.1:8080', 'localhost:8080', '[::1]:8080', '127.0.0.2:8080']) {
      expect((await app.request(`http://${host}/v1/models`)).status, host).toBe(200);
    }
  });

  it('without it (a server listening on every interface), answers any host name', async () => {
    const app = createApp({ engines: [fakeEngine()] });
    expect((await app.request('http://tokenscope.lan:8080/v1/models')).status).toBe(200);
  });
});

describe('models', () => {
  const app = createApp({ engines: [fakeEngine()] });

  it('lists the engines in OpenAI shape', async () => {
    const response = await app.request('/v1/models');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { object: string; data: Array<Record<string, unknown>> };
    expect(body.object).toBe('list');
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ id: 'fake', object: 'model', owned_by: 'tokenscope' });
    expect(typeof body.data[0]!.created).toBe('number');
  });

  it('retrieves one model and 404s an unknown one', async () => {
    expect(await (await app.request('/v1/models/fake')).json()).toMatchObject({
      id: 'fake',
      object: 'model',
    });
    const error = await expectError(await app.request('/v1/models/nope'), 404, 'model', 'model_not_found');
    expect(error.message).toContain('`nope`');
    expect(error.message).toContain('`fake`');
  });

  it('finds engines through a function', async () => {
    const engine = fakeEngine({ id: 'other' });
    const byName = createApp({ engines: (id) => (id === 'other' ? engine : undefined) });
    expect((await post(byName, '/v1/chat/completions', { ...chat, model: 'other' })).status).toBe(200);
    await expectError(await post(byName, '/v1/chat/completions', chat), 404, 'model', 'model_not_found');
  });
});

describe('request validation (400 invalid_request_error naming the parameter)', () => {
  const app = createApp({ engines: [fakeEngine()] });

  it.each([
    ['missing messages', { model: 'fake' }, 'messages'],
    ['empty messages', { model: 'fake', messages: [] }, 'messages'],
    ['a bad role', { ...chat, messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
    [
      'an image part',
      { ...chat, messages: [{ role: 'user', content: [{ type: 'image_url' }] }] },
      'messages[0].content',
    ],
    ['temperature above 2', { ...chat, temperature: 3 }, 'temperature'],
    ['temperature as a string', { ...chat, temperature: '1' }, 'temperature'],
    ['top_p above 1', { ...chat, top_p: 1.5 }, 'top_p'],
    ['top_p of 0 (an empty nucleus)', { ...chat, top_p: 0 }, 'top_p'],
    ['n = 0', { ...chat, n: 0 }, 'n'],
    ['five stop sequences', { ...chat, stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop'],
    ['a negative top_logprobs', { ...chat, logprobs: true, top_logprobs: -1 }, 'top_logprobs'],
    ['top_logprobs above 20', { ...chat, logprobs: true, top_logprobs: 21 }, 'top_logprobs'],
    [
      'top_logprobs above the vocabulary',
      { ...chat, logprobs: true, top_logprobs: 65, tokenscope: { allow_large_top_logprobs: true } },
      'top_logprobs',
    ],
    ['top_logprobs without logprobs', { ...chat, top_logprobs: 2 }, 'top_logprobs'],
    ['an unknown field', { ...chat, temprature: 1 }, 'temprature'],
    ['an unknown tokenscope option', { ...chat, tokenscope: { x: 1 } }, 'tokenscope.x'],
    ['a bad logprobs_distribution', { ...chat, logprobs_distribution: 'cooked' }, 'logprobs_distribution'],
    ['frequency_penalty (not implemented)', { ...chat, frequency_penalty: 0.5 }, 'frequency_penalty'],
    ['tools (not implemented)', { ...chat, tools: [{ type: 'function' }] }, 'tools'],
    ['a missing model', { messages: chat.messages }, 'model'],
  ])('chat: %s', async (_, body, param) => {
    await expectError(await post(app, '/v1/chat/completions', body), 400, param);
  });

  const completion = { model: 'fake', prompt: 'Once' };
  it.each([
    ['token-id prompts', { ...completion, prompt: [1, 2, 3] }, 'prompt'],
    ['several prompts', { ...completion, prompt: ['a', 'b'] }, 'prompt'],
    ['logprobs above 20', { ...completion, logprobs: 21 }, 'logprobs'],
    ['logprobs as a boolean', { ...completion, logprobs: true }, 'logprobs'],
    ['a negative max_tokens', { ...completion, max_tokens: -1 }, 'max_tokens'],
    ['best_of 2', { ...completion, best_of: 2 }, 'best_of'],
    ['an unknown field', { ...completion, foo: 1 }, 'foo'],
  ])('completions: %s', async (_, body, param) => {
    await expectError(await post(app, '/v1/completions', body), 400, param);
  });

  it('names an unknown field as OpenAI does', async () => {
    const error = await expectError(await post(app, '/v1/chat/completions', { ...chat, foo: 1 }), 400, 'foo');
    expect(error.message).toMatch(/^Unrecognized request argument supplied: foo/);
    expect(error.type).toBe('invalid_request_error');
  });

  it('accepts the neutral values of unimplemented fields and the ignored ones', async () => {
    const body = {
      ...chat,
      frequency_penalty: 0,
      presence_penalty: null,
      tools: [],
      user: 'u',
      store: false,
    };
    expect((await post(app, '/v1/chat/completions', body)).status).toBe(200);
  });

  it('lifts the top_logprobs limit with the tokenscope extension', async () => {
    const body = {
      ...chat,
      logprobs: true,
      top_logprobs: 64,
      tokenscope: { allow_large_top_logprobs: true },
    };
    const response = await post(app, '/v1/chat/completions', body);
    expect(response.status).toBe(200);
    const json = (await response.json()) as {
      choices: Array<{ logprobs: { content: Array<{ top_logprobs: unknown[] }> } }>;
    };
    expect(json.choices[0]!.logprobs.content[0]!.top_logprobs).toHaveLength(64);
  });

  it.each([
    ['malformed JSON', '{"model": "fake",'],
    ['a JSON array', '[1]'],
    ['an empty body', ''],
  ])('400 for %s', async (_, text) => {
    const error = await expectError(await post(app, '/v1/chat/completions', text), 400, null);
    expect(error.type).toBe('invalid_request_error');
  });

  it('400 context_length_exceeded for a prompt longer than the context', async () => {
    const long = 'word '.repeat(200);
    await expectError(
      await post(app, '/v1/completions', { model: 'fake', prompt: long }),
      400,
      'prompt',
      'context_length_exceeded',
    );
    const messages = [{ role: 'user', content: long }];
    await expectError(
      await post(app, '/v1/chat/completions', { model: 'fake', messages }),
      400,
      'messages',
      'context_length_exceeded',
    );
  });
});

describe('limits, auth, routes, engine failures', () => {
  it('413 for a body over maxBodyBytes', async () => {
    const app = createApp({ engines: [fakeEngine()], maxBodyBytes: 100 });
    const body = { ...chat, messages: [{ role: 'user', content: 'x'.repeat(200) }] };
    const error = await expectError(
      await post(app, '/v1/chat/completions', body),
      413,
      null,
      'request_too_large',
    );
    expect(error.message).toContain('100 bytes');
    expect((await post(app, '/v1/chat/completions', chat)).status).toBe(200);
  });

  it('400 nesting_too_deep for a body nested thousands of levels (a JSON schema), not a stack overflow', async () => {
    const app = createApp({ engines: [fakeEngine()] });
    const schema = `${'{"type":"array","items":'.repeat(5000)}{"type":"string"}${'}'.repeat(5000)}`;
    const body = `{"model":"fake","messages":[{"role":"user","content":"Hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":${schema}}}}`;
    for (const path of ['/v1/chat/completions', '/v1/completions']) {
      const error = await expectError(await post(app, path, body), 400, null, 'nesting_too_deep');
      expect(error.message).toBe(
        'the request body nests 5004 levels deep; the limit is 256 levels: send a flatter JSON object',
      );
    }
    expect((await post(app, '/v1/chat/completions', chat)).status).toBe(200);
  });

  it('401 without the API key or with a wrong one, 200 with it', async () => {
    const app = createApp({ engines: [fakeEngine()], apiKey: 'sk-local' });
    await expectError(await app.request('/v1/models'), 401, null, 'invalid_api_key');
    await expectError(
      await app.request('/v1/models', { headers: { authorization: 'Bearer nope' } }),
      401,
      null,
      'invalid_api_key',
    );
    await expectError(await post(app, '/v1/chat/completions', chat), 401, null, 'invalid_api_key');
    expect((await app.request('/v1/models', { headers: { authorization: 'Bearer sk-local' } })).status).toBe(
      200,
    );
  });

  it('404 for unknown routes and 405 for a wrong method, OpenAI-shaped', async () => {
    const app = createApp({ engines: [fakeEngine()] });
    const notFound = await expectError(await app.request('/v1/nothing'), 404, null);
    expect(notFound.message).toBe('Invalid URL (GET /v1/nothing)');
    await expectError(await app.request('/'), 404, null);
    await expectError(await app.request('/v1/chat/completions'), 405, null, 'method_not_supported');
    await expectError(
      await app.request('/v1/models', { method: 'DELETE' }),
      405,
      null,
      'method_not_supported',
    );
  });

  it('500 engine_error for an engine crash, saying the request can be retried', async () => {
    const engine = fakeEngine();
    const app = createApp({ engines: [engine] });
    engine.failNext = new EngineCrashedError('m.gguf', { code: null, signal: 'SIGABRT', output: '' }, true);
    const error = await expectError(
      await post(app, '/v1/chat/completions', chat),
      500,
      null,
      'engine_crashed',
    );
    expect(error.type).toBe('engine_error');
    expect(error.message).toContain('killed by SIGABRT');
    expect(error.message).toContain('it was restarted: retry the request');
    engine.failNext = new Error('boom');
    const other = await expectError(
      await post(app, '/v1/completions', { model: 'fake', prompt: 'x' }),
      500,
      null,
      'server_error',
    );
    expect(other.message).toContain('boom');
  });

  it('answers a streamed request that fails before its first token with a JSON error', async () => {
    const engine = fakeEngine();
    const app = createApp({ engines: [engine] });
    engine.failNext = new TokenscopeError('engine_crashed', 'crashed');
    await expectError(
      await post(app, '/v1/chat/completions', { ...chat, stream: true }),
      500,
      null,
      'engine_crashed',
    );
  });

  it('passes the request signal to the engine: aborting the request aborts the generation', async () => {
    const engine = fakeEngine();
    const app = createApp({ engines: [engine] });
    const controller = new AbortController();
    const pending = Promise.resolve(
      app.request('/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(chat),
        signal: controller.signal,
      }),
    );
    await new Promise((r) => setImmediate(r));
    controller.abort();
    await pending.catch(() => undefined);
    expect(engine.calls).toHaveLength(1);
    expect(engine.calls[0]!.signal?.aborted).toBe(true);
  });
});
