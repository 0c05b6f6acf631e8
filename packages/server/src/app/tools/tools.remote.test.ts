import type { AppErrorBody, ClassifyResponse, RerankResponse, ScoreResponse } from '@tokenscope/core';
import type { Engine } from '@tokenscope/local';
import type { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeTestStores, testServices } from '../../../test/appServices.js';
import { post } from '../../../test/generationApp.js';
import { loadStories } from '../../../test/storiesEngine.js';
import { type RunningServer, startServer } from '../../startServer.js';
import { createApiApp } from '../createApiApp.js';

/**
 * The tool routes on a remote endpoint: `tokenscope serve`'s /v1 over real HTTP (stories260K, with an
 * API key), which answers legacy completions with `echo` and top logprobs like vLLM.
 */

const KEY = 'sk-tools-secret-51c2';
let engine: Engine;
let server: RunningServer;
let remote: { kind: 'remote'; baseURL: string; model: string; apiKey: string };
beforeAll(async () => {
  engine = await loadStories();
  server = await startServer({ engines: [engine], apiKey: KEY });
  remote = { kind: 'remote', baseURL: `${server.url}/v1`, model: engine.info.id, apiKey: KEY };
}, 120_000);
afterAll(async () => {
  await server?.close();
  await engine?.close();
});
afterEach(closeTestStores);

async function setup(): Promise<{ app: Hono; services: Awaited<ReturnType<typeof testServices>> }> {
  const services = await testServices();
  return { app: createApiApp(services), services };
}

async function json<T>(response: Response, status = 200): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(status);
  return (await response.json()) as T;
}

describe('tool routes on a remote endpoint', () => {
  it('classifies from the first token top logprobs, reporting the unaccounted mass', async () => {
    const { app } = await setup();
    const result = await json<ClassifyResponse>(
      await post(app, '/api/classify', {
        target: remote,
        text: 'Lily played with her ball.',
        labels: ['happy', 'sad', 'ball'],
        topLogprobs: 10,
      }),
    );
    const c = result.classification;
    expect(c.method).toBe('first-token');
    expect(c.labels.reduce((s, l) => s + l.probability, 0)).toBeCloseTo(1, 12);
    expect(c.unaccountedMass).toBeGreaterThanOrEqual(0);
    expect(c.notes[0]).toMatch(/first token only/);
  });

  it('reranks and scores through echo, agreeing with the local engine', async () => {
    const { app, services } = await setup();
    const prompt = 'Once upon a time, there was a little';
    const reranked = await json<RerankResponse>(
      await post(app, '/api/rerank', { target: remote, prompt, candidates: ['girl', 'dog'] }),
    );
    const base = (await engine.score(prompt)).sumLogprob;
    for (const c of reranked.candidates) {
      expect(c.sumLogprob).toBeCloseTo((await engine.score(`${prompt} ${c.text}`)).sumLogprob - base, 3);
    }
    const scored = await json<ScoreResponse>(
      await post(app, '/api/score', { target: remote, text: 'The cat sat.', save: true }),
    );
    const local = await engine.score('The cat sat.', { topLogprobs: 5 });
    expect(scored.sumLogprob).toBeCloseTo(local.sumLogprob, 3);
    expect(scored.run).toMatchObject({ source: 'remote', endpoint: `${server.url}/v1`, prompt: null });
    const stored = JSON.stringify(await services.store.get(scored.run!.id));
    expect(stored).not.toContain(KEY);
  });

  it('answers 502 with the endpoint message when the remote refuses', async () => {
    const { app } = await setup();
    const error = await json<AppErrorBody>(
      await post(app, '/api/score', { target: { ...remote, apiKey: 'wrong' }, text: 'The cat sat.' }),
      502,
    );
    expect(error.error.message).toMatch(/401|key|auth/i);
    expect(error.error.message).not.toContain('wrong');
  });
});
