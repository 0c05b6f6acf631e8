import type { RunRecord, RunStreamEvent } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import {
  doneRun,
  generationApp,
  post,
  readEvents,
  STORIES_ID,
  useStoriesCatalog,
} from '../../../test/generationApp.js';

const catalog = useStoriesCatalog();

const local = { kind: 'local', model: STORIES_ID } as const;
const textPrompt = { kind: 'text', text: 'Once upon a time' } as const;

async function generate(body: unknown) {
  const { app, services } = await generationApp({ catalog: catalog() });
  const response = await post(app, '/api/generate', body);
  expect(response.status, response.status === 200 ? '' : await response.clone().text()).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events = await readEvents(response);
  return { app, services, events, run: doneRun(events) };
}

const tokenEvents = (events: RunStreamEvent[]) =>
  events.filter((e): e is Extract<RunStreamEvent, { type: 'token' }> => e.type === 'token');

describe('POST /api/generate on a local model', () => {
  it('streams start, every token, then done with the run as the store holds it', async () => {
    const { services, events, run } = await generate({
      target: local,
      prompt: textPrompt,
      params: { temperature: 0, maxTokens: 12, topLogprobs: 5 },
      title: 'first',
      tags: ['t1'],
    });
    expect(events[0]).toEqual({ type: 'start', model: STORIES_ID, promptText: 'Once upon a time' });
    const tokens = tokenEvents(events);
    expect(tokens.map((e) => e.index)).toEqual(tokens.map((_, i) => i));
    expect(tokens.length).toBe(12);
    expect(events.findIndex((e) => e.type === 'done')).toBe(events.length - 1);
    expect(await services.store.get(run.id)).toEqual(run);
    expect(run).toMatchObject({
      source: 'local',
      model: STORIES_ID,
      title: 'first',
      tags: ['t1'],
      prompt: textPrompt,
      params: { temperature: 0, maxTokens: 12, topLogprobs: 5 },
      promptText: 'Once upon a time',
    });
    expect(run.endpoint).toBeUndefined();
    expect(run.promptTokenIds!.length).toBeGreaterThan(1);
    const completion = run.response.completions[0]!;
    expect(completion.tokens.map((t) => t.id)).toEqual(tokens.map((e) => e.token.id));
    expect(completion.text).toBe(completion.tokens.map((t) => t.text).join(''));
    for (const token of completion.tokens) {
      expect(token.top).toHaveLength(5);
      expect(token.id).toBe(token.top[0]!.id); // greedy
    }
    expect(run.summary.tokens).toBe(12);
  });

  it('generates from chat messages with the evaluated prompt text and ids', async () => {
    const { run } = await generate({
      target: local,
      prompt: { kind: 'chat', messages: [{ role: 'user', content: 'Tell me a story' }] },
      params: { temperature: 0, maxTokens: 8, topLogprobs: 3 },
    });
    expect(run.prompt).toEqual({ kind: 'chat', messages: [{ role: 'user', content: 'Tell me a story' }] });
    expect(run.promptText).toContain('Tell me a story');
    expect(run.response.format).toBe('openai-chat');
    expect(run.response.completions[0]!.tokens.length).toBeGreaterThan(0);
    expect(run.promptTokenIds!.length).toBeGreaterThan(3);
  });

  it('gives the same tokens for the same seed, and other tokens for another seed', async () => {
    const body = (seed: number) => ({
      target: local,
      prompt: textPrompt,
      params: { temperature: 1, maxTokens: 16, seed },
    });
    const ids = (run: RunRecord) => run.response.completions[0]!.tokens.map((t) => t.id);
    const a = (await generate(body(11))).run;
    const b = (await generate(body(11))).run;
    const c = (await generate(body(12345))).run;
    expect(ids(a)).toEqual(ids(b));
    expect(ids(c)).not.toEqual(ids(a));
  });

  it('stops generating and saves nothing when the client goes away', async () => {
    const { app, services } = await generationApp({ catalog: catalog() });
    const response = await post(app, '/api/generate', {
      target: local,
      prompt: textPrompt,
      params: { temperature: 1, seed: 3, maxTokens: 400 },
    });
    const events = await readEvents(response, (e) => e.type === 'token');
    expect(events.map((e) => e.type)).toEqual(['start', 'token']);
    // The engine runs one request at a time: once the next one is done, the aborted one has ended.
    const next = await readEvents(
      await post(app, '/api/generate', { target: local, prompt: textPrompt, params: { maxTokens: 2 } }),
    );
    const saved = await services.store.list();
    expect(saved.total).toBe(1);
    expect(saved.runs[0]!.id).toBe(doneRun(next).id);
  });
});

describe('POST /api/generate refusals (plain JSON errors, before any stream)', () => {
  it.each([
    ['no target', { prompt: textPrompt, params: {} }, 'target'],
    [
      'a bad temperature',
      { target: local, prompt: textPrompt, params: { temperature: 5 } },
      'params.temperature',
    ],
    ['an empty prompt', { target: local, prompt: { kind: 'text', text: '' }, params: {} }, 'prompt.text'],
    ['no messages', { target: local, prompt: { kind: 'chat', messages: [] }, params: {} }, 'prompt.messages'],
    [
      'a bad role',
      { target: local, prompt: { kind: 'chat', messages: [{ role: 'bot', content: 'x' }] } },
      'prompt.messages[0].role',
    ],
    ['an unknown field', { target: local, prompt: textPrompt, params: {}, temprature: 1 }, 'temprature'],
    [
      'a bad top_logprobs',
      { target: local, prompt: textPrompt, params: { topLogprobs: 'many' } },
      'params.topLogprobs',
    ],
    [
      'a remote URL that is not http',
      { target: { kind: 'remote', baseURL: 'file:///etc', model: 'm' }, prompt: textPrompt },
      'target.baseURL',
    ],
    [
      'an unknown provider',
      {
        target: { kind: 'remote', baseURL: 'http://127.0.0.1:9/v1', model: 'm', provider: 'x' },
        prompt: textPrompt,
      },
      'target.provider',
    ],
    [
      "'all' alternatives from a remote API",
      {
        target: { kind: 'remote', baseURL: 'http://127.0.0.1:9/v1', model: 'm' },
        prompt: textPrompt,
        params: { topLogprobs: 'all' },
      },
      'params.topLogprobs',
    ],
  ])('answers %s with a 400 naming the field', async (_label, body, param) => {
    const { app, services } = await generationApp({ catalog: catalog() });
    const response = await post(app, '/api/generate', body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const error = ((await response.json()) as { error: { param: string; message: string; type: string } })
      .error;
    expect(error.param).toBe(param);
    expect(error.type).toBe('invalid_request_error');
    expect(error.message).toContain(param);
    expect((await services.store.list()).total).toBe(0);
  });

  it('answers an unknown local model with a 404 model_not_found that lists the models', async () => {
    const { app } = await generationApp({ catalog: catalog() });
    const response = await post(app, '/api/generate', {
      target: { kind: 'local', model: 'nope' },
      prompt: textPrompt,
      params: {},
    });
    expect(response.status).toBe(404);
    const error = ((await response.json()) as { error: { code: string; param: string; message: string } })
      .error;
    expect(error).toMatchObject({ code: 'model_not_found', param: 'model' });
    expect(error.message).toContain(STORIES_ID);
  });

  it('sends an error event when the engine refuses the request after the stream started', async () => {
    const { app, services } = await generationApp({ catalog: catalog() });
    const events = await readEvents(
      await post(app, '/api/generate', {
        target: local,
        prompt: textPrompt,
        params: { topLogprobs: 100_000 },
      }),
    );
    expect(events.map((e) => e.type)).toEqual(['start', 'error']);
    expect(events[1]).toMatchObject({ error: { code: 'invalid_option', type: 'invalid_request_error' } });
    expect((await services.store.list()).total).toBe(0);
  });
});
