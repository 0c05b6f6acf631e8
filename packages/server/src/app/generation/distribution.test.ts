import { readFileSync } from 'node:fs';
import { type NextTokenDistribution, parseResponse, type RunRecord } from '@tokenscope/core';
import type { Engine } from '@tokenscope/local';
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import {
  doneRun,
  generationApp,
  post,
  readEvents,
  STORIES_ID,
  useStoriesCatalog,
} from '../../../test/generationApp.js';
import type { ModelCatalog } from '../AppServices.js';

const catalog = useStoriesCatalog();

const FIXTURE = new URL(
  '../../../../core/src/formats/__fixtures__/openai-chat.seed003.recorded.json',
  import.meta.url,
);

async function setup(services: { catalog: ModelCatalog } = { catalog: catalog() }) {
  const { app, services: all } = await generationApp(services);
  const run = doneRun(
    await readEvents(
      await post(app, '/api/generate', {
        target: { kind: 'local', model: STORIES_ID },
        prompt: { kind: 'chat', messages: [{ role: 'user', content: 'Tell me about a cat' }] },
        params: { temperature: 0.9, seed: 5, maxTokens: 12, topLogprobs: 5 },
      }),
    ),
  );
  return { app, services: all, run };
}

async function distribution(app: Hono, id: string, body: unknown): Promise<NextTokenDistribution> {
  const response = await post(app, `/api/runs/${id}/distribution`, body);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as NextTokenDistribution;
}

const tokensOf = (run: RunRecord) => run.response.completions[0]!.tokens;
const mass = (d: NextTokenDistribution) => d.alternatives.reduce((s, a) => s + Math.exp(a.logprob!), 0);

/** The recomputed distribution agrees with what was stored when the token was generated. */
function expectMatchesStored(d: NextTokenDistribution, run: RunRecord, position: number): void {
  const stored = tokensOf(run)[position]!;
  const chosen = d.alternatives.find((a) => a.id === stored.id);
  expect(chosen, `token ${stored.id} listed at ${position}`).toBeDefined();
  expect(Math.abs(chosen!.logprob! - stored.logprob!)).toBeLessThan(1e-3);
  for (const alt of stored.top) {
    const again = d.alternatives.find((a) => a.id === alt.id)!;
    expect(Math.abs(again.logprob! - alt.logprob!)).toBeLessThan(1e-3);
  }
}

describe('POST /api/runs/:id/distribution on a local run', () => {
  it('recomputes the raw distribution at each position, equal to the stored values', async () => {
    const { app, run } = await setup();
    for (const position of [0, 4, 11]) {
      const d = await distribution(app, run.id, { position });
      expect(d).toMatchObject({ position, source: 'engine', distribution: 'raw', vocabSize: 512 });
      expect(d.alternatives).toHaveLength(100);
      for (let i = 1; i < d.alternatives.length; i++)
        expect(d.alternatives[i]!.logprob!).toBeLessThanOrEqual(d.alternatives[i - 1]!.logprob!);
      expect(d.coveredMass).toBeCloseTo(mass(d), 9);
      expect(d.coveredMass).toBeLessThanOrEqual(1 + 1e-9);
      expect(d.coveredMass).toBeGreaterThan(0.5);
      expect(d.entropy).toBeGreaterThan(0);
      expectMatchesStored(d, run, position);
    }
  });

  it("lists the whole vocabulary with top 'all' (it sums to 1), or as many tokens as asked", async () => {
    const { app, run } = await setup();
    const all = await distribution(app, run.id, { position: 2, top: 'all' });
    expect(all.alternatives).toHaveLength(512);
    expect(Math.abs(mass(all) - 1)).toBeLessThan(1e-4);
    expect(Math.abs(all.coveredMass - 1)).toBeLessThan(1e-4);
    const entropy = -all.alternatives.reduce((s, a) => s + Math.exp(a.logprob!) * a.logprob!, 0);
    expect(all.entropy).toBeCloseTo(entropy, 4);
    const three = await distribution(app, run.id, { position: 2, top: 3 });
    expect(three.alternatives).toEqual(all.alternatives.slice(0, 3));
    expect(three.entropy).toBeCloseTo(all.entropy!, 9);
  });

  it('reads the distribution back through the prompt when the greedy step would end the text', async () => {
    // An engine whose one-token steps come back empty, as when the most likely token ends the text.
    const ending = (engine: Engine): Engine =>
      Object.assign(Object.create(engine) as Engine, {
        generate: async (
          request: Parameters<Engine['generate']>[0],
          options?: Parameters<Engine['generate']>[1],
        ) => {
          const result = await engine.generate(request, options);
          return request.maxTokens === 1 ? { ...result, tokens: [], finishReason: 'stop' as const } : result;
        },
      });
    const endingCatalog: ModelCatalog = {
      list: () => catalog().list(),
      defaultModel: () => catalog().defaultModel(),
      help: () => catalog().help(),
      engine: async (id) => ending(await catalog().engine(id)),
      close: async () => {},
    };
    const { app, run } = await setup({ catalog: endingCatalog });
    const d = await distribution(app, run.id, { position: 7, top: 'all' });
    expect(d.source).toBe('engine');
    expect(Math.abs(mass(d) - 1)).toBeLessThan(1e-4);
    expectMatchesStored(d, run, 7);
  });
});

describe('POST /api/runs/:id/distribution on other runs, and refusals', () => {
  it('gives the stored top-k of an imported run', async () => {
    const { app, services } = await generationApp({ catalog: catalog() });
    const imported = await services.store.save({
      source: 'import',
      model: 'gpt-4o-mini',
      prompt: null,
      params: {},
      response: parseResponse(readFileSync(FIXTURE, 'utf8')),
    });
    const stored = tokensOf(imported)[1]!;
    const d = await distribution(app, imported.id, { position: 1 });
    expect(d).toMatchObject({ position: 1, source: 'stored', alternatives: stored.top });
    expect(d.coveredMass).toBeCloseTo(mass(d), 9);
    expect((await distribution(app, imported.id, { position: 1, top: 2 })).alternatives).toEqual(
      stored.top.slice(0, 2),
    );
  });

  it.each([
    [{ position: 12 }, 'position', /from 0 to 11.*got 12/],
    [{ position: -1 }, 'position', /position/],
    [{ position: 1.5 }, 'position', /position/],
    [{ position: 0, top: 0 }, 'top', /top/],
    [{}, 'position', /position/],
  ])('refuses %j with a 400 naming %s', async (body, param, message) => {
    const { app, run } = await setup();
    const response = await post(app, `/api/runs/${run.id}/distribution`, body);
    expect(response.status).toBe(400);
    const error = ((await response.json()) as { error: { param: string; message: string } }).error;
    expect(error.param).toBe(param);
    expect(error.message).toMatch(message);
  });

  it('answers an unknown run with a 404', async () => {
    const { app } = await generationApp({ catalog: catalog() });
    const response = await post(app, '/api/runs/missing/distribution', { position: 0 });
    expect(response.status).toBe(404);
  });
});
