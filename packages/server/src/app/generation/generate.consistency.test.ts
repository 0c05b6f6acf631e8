import type { ClassifyResponse, RunList, RunRecord, RunStreamEvent } from '@tokenscope/core';
import type { Engine } from '@tokenscope/local';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type RefusingUpstream,
  startRefusingUpstream,
} from '../../../../providers/test/startRefusingUpstream.js';
import { closeTestStores, testServices } from '../../../test/appServices.js';
import { doneRun, readEvents, STORIES_ID, storiesCatalog } from '../../../test/generationApp.js';
import { loadStories } from '../../../test/storiesEngine.js';
import { type RunningServer, startServer } from '../../startServer.js';
import type { ModelCatalog } from '../AppServices.js';
import { createApiApp } from '../createApiApp.js';

/**
 * `confidence` and the sampling-consistency fallback of POST /api/generate, against `tokenscope
 * serve` (stories260K, in this process) behind scripts/logprobsRefusingUpstream.mjs, which refuses
 * logprobs with OpenAI's 400 (`refuse`), silently drops them (`drop`) or forwards everything (`pass`),
 * and logs every request it received. Local targets use the stories260K catalog.
 */

let engine: Engine;
let server: RunningServer;
let catalog: ModelCatalog;
const upstreams: Partial<Record<'refuse' | 'drop' | 'pass', RefusingUpstream>> = {};
beforeAll(async () => {
  engine = await loadStories();
  server = await startServer({ engines: [engine] });
  for (const mode of ['refuse', 'drop', 'pass'] as const) {
    upstreams[mode] = await startRefusingUpstream(`${server.url}/v1`, mode);
  }
  catalog = storiesCatalog();
}, 180_000);
afterAll(async () => {
  for (const u of Object.values(upstreams)) await u?.close();
  await catalog?.close();
  await server?.close();
  await engine?.close();
});
afterEach(closeTestStores);

async function setup() {
  const services = await testServices({ catalog });
  const app = createApiApp(services);
  const request = (path: string, init: RequestInit = {}) => app.request(path, init);
  const generate = (body: unknown) =>
    request('/api/generate', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    });
  const stream = async (body: unknown): Promise<RunStreamEvent[]> => {
    const res = await generate(body);
    expect(res.status, await res.clone().text()).toBe(200);
    return readEvents(res);
  };
  return { services, request, generate, stream };
}

const remote = (mode: 'refuse' | 'drop' | 'pass') => ({
  kind: 'remote',
  baseURL: upstreams[mode]!.baseURL,
  model: STORIES_ID,
});
const STORY = { kind: 'text', text: 'Once upon a time' } as const;

function eventsOf<T extends RunStreamEvent['type']>(events: RunStreamEvent[], type: T) {
  return events.filter((e): e is Extract<RunStreamEvent, { type: T }> => e.type === type);
}

describe('POST /api/generate falls back to sampling consistency', () => {
  it('when the endpoint refuses logprobs (400): samples without logprobs, streams progress, saves the comparison', async () => {
    const { stream, request } = await setup();
    const upstream = upstreams.refuse!;
    const before = upstream.log.length;
    const events = await stream({
      target: remote('refuse'),
      prompt: STORY,
      params: { maxTokens: 12 },
      samples: 4,
    });
    expect(events.map((e) => e.type)).toEqual([
      'start',
      'sampling',
      'sample',
      'sample',
      'sample',
      'sample',
      'done',
    ]);
    const [sampling] = eventsOf(events, 'sampling');
    expect(sampling).toMatchObject({ samples: 4, temperature: 0.7 });
    expect(sampling!.fallback).toMatch(
      /refused them \(400: Invalid parameter: 'logprobs' is not supported with this model\.\)/,
    );
    expect(eventsOf(events, 'sample').map((e) => [e.done, e.of])).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
    // One refused request with logprobs, then four without, at temperature 0.7.
    const sent = upstream.log.slice(before);
    expect(sent[0]).toMatch(/logprobs=yes/);
    expect(sent.slice(1)).toHaveLength(4);
    for (const line of sent.slice(1))
      expect(line).toMatch(/^POST \/v1\/completions logprobs=no temperature=0\.7/);

    const run = doneRun(events);
    const c = run.consistency!;
    expect(c).toMatchObject({ method: 'sampling', temperature: 0.7, cost: { requests: 4 } });
    expect(c.samples).toHaveLength(4);
    for (const s of c.samples) expect(s.text.length).toBeGreaterThan(0);
    expect(c.cost.completionTokens).toBeGreaterThan(0);
    expect(c.agreement).toBeGreaterThan(0);
    expect(c.agreement).toBeLessThanOrEqual(1);
    // The run keeps every sample as a token-less completion, the shown one first.
    expect(run.response.completions.map((x) => x.text)[0]).toBe(c.text);
    expect(run.response.completions.every((x) => x.tokens.length === 0 && x.topK === 0)).toBe(true);
    expect(run.provider).toBe('openai-completions');

    const stored = (await (await request(`/api/runs/${run.id}`)).json()) as RunRecord;
    expect(stored.consistency).toEqual(c);
    const list = (await (await request('/api/runs')).json()) as RunList;
    expect(list.runs[0]).toMatchObject({ id: run.id, summary: { agreement: c.agreement } });
  });

  it('when the endpoint silently drops logprobs: the fallback says it ignored them', async () => {
    const { stream } = await setup();
    const events = await stream({
      target: remote('drop'),
      prompt: { kind: 'chat', messages: [{ role: 'user', content: 'Tell me a story' }] },
      params: { maxTokens: 8, seed: 11 },
      samples: 3,
    });
    const [sampling] = eventsOf(events, 'sampling');
    expect(sampling!.fallback).toMatch(/answered without logprobs \(it ignored the parameter\)/);
    const run = doneRun(events);
    expect(run.consistency!.samples).toHaveLength(3);
    expect(run.provider).toBe('openai-chat');
  });
});

describe('POST /api/generate on a reasoning-model-like endpoint that also refuses temperature', () => {
  it('samples at the endpoint default temperature, and the run says so', async () => {
    const strict = await startRefusingUpstream(`${server.url}/v1`, 'refuse', { refuseTemperature: true });
    try {
      const { stream } = await setup();
      const events = await stream({
        target: { kind: 'remote', baseURL: strict.baseURL, model: STORIES_ID },
        prompt: STORY,
        params: { maxTokens: 8 },
        samples: 2,
      });
      const run = doneRun(events);
      expect(eventsOf(events, 'sample')).toHaveLength(2);
      // Asked at 0.7, refused, asked again without a temperature: the default, 1.
      expect(run.consistency!.temperature).toBe(1);
      expect(run.consistency!.cost.requests).toBeGreaterThan(2);
      expect(strict.log.some((l) => /logprobs=no temperature=0\.7/.test(l))).toBe(true);
    } finally {
      await strict.close();
    }
  });
});

describe('POST /api/generate with confidence', () => {
  it("'consistency' never asks for logprobs, even where they are given", async () => {
    const { stream } = await setup();
    const upstream = upstreams.pass!;
    const before = upstream.log.length;
    const events = await stream({
      target: remote('pass'),
      prompt: STORY,
      params: { maxTokens: 10, temperature: 1.2, seed: 3 },
      confidence: 'consistency',
      samples: 3,
    });
    expect(events.map((e) => e.type)).toEqual(['start', 'sampling', 'sample', 'sample', 'sample', 'done']);
    expect(eventsOf(events, 'sampling')[0]).toEqual({ type: 'sampling', samples: 3, temperature: 1.2 });
    const sent = upstream.log.slice(before);
    expect(sent).toHaveLength(3);
    for (const line of sent) expect(line).toMatch(/logprobs=no temperature=1\.2/);
    expect(doneRun(events).consistency!.temperature).toBe(1.2);
  });

  it("'both' streams the tokens with logprobs, then samples and compares that answer with them", async () => {
    const { stream } = await setup();
    const events = await stream({
      target: remote('pass'),
      prompt: STORY,
      params: { maxTokens: 8, temperature: 0, topLogprobs: 3 },
      confidence: 'both',
      samples: 2,
    });
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === 'token')).toHaveLength(8);
    expect(types.indexOf('sampling')).toBeGreaterThan(types.lastIndexOf('token'));
    const run = doneRun(events);
    expect(run.response.completions[0]!.tokens).toHaveLength(8);
    // The logprob answer first, judged by the 2 samples: both views are about the same answer.
    expect(run.consistency!.samples).toHaveLength(3);
    expect(run.consistency!.samples[0]!.text).toBe(run.response.completions[0]!.text);
    expect(run.consistency!.text).toBe(run.response.completions[0]!.text);
    expect(run.consistency!.cost.requests).toBe(2);
    // Greedy logprob run, samples at least at 0.7.
    expect(run.consistency!.temperature).toBe(0.7);
    expect(eventsOf(events, 'sampling')[0]!.fallback).toBeUndefined();
  });

  it('works on local models too; a seed makes the samples reproducible', async () => {
    const { stream } = await setup();
    const body = {
      target: { kind: 'local', model: STORIES_ID },
      prompt: STORY,
      params: { maxTokens: 10, seed: 42 },
      confidence: 'consistency',
      samples: 3,
    };
    const first = doneRun(await stream(body));
    const second = doneRun(await stream(body));
    expect(first.source).toBe('local');
    expect(first.consistency!.samples).toHaveLength(3);
    expect(second.consistency!.samples).toEqual(first.consistency!.samples);
    // seed, seed + 1, ...: the samples are drawn differently.
    expect(new Set(first.consistency!.samples.map((s) => s.text)).size).toBeGreaterThan(1);
    expect(first.consistency!.cost).toMatchObject({ requests: 3 });
    expect(first.consistency!.cost.completionTokens).toBeGreaterThan(0);
  });

  it.each([
    [{ samples: 1 }, 'samples', /expected an integer from 2 to 50/],
    [{ samples: 2.5 }, 'samples', /expected an integer from 2 to 50/],
    [{ samples: 51 }, 'samples', /expected an integer from 2 to 50/],
    [{ confidence: 'votes' }, 'confidence', /expected 'logprobs', 'consistency' or 'both'/],
    [
      { confidence: 'consistency', constraint: { kind: 'choices', choices: ['a', 'b'] }, local: true },
      'confidence',
      /constraint restricts one generation/,
    ],
    [{ samples: 3, local: true }, 'samples', /a local model always gives logprobs/],
  ])('answers 400 for %j naming %s', async (extra, param, message) => {
    const { generate } = await setup();
    const { local, ...rest } = extra as Record<string, unknown>;
    const res = await generate({
      target: local ? { kind: 'local', model: STORIES_ID } : remote('pass'),
      prompt: STORY,
      ...rest,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { param: string; message: string; type: string } };
    expect(body.error.param).toBe(param);
    expect(body.error.message).toMatch(message);
    expect(body.error.type).toBe('invalid_request_error');
  });
});

describe('GET /api/runs/:id/export of a run with a consistency result', () => {
  it('a run made from samples only exports its consistency view in html, md and json', async () => {
    const { stream, request } = await setup();
    const run = doneRun(
      await stream({
        target: remote('refuse'),
        prompt: STORY,
        params: { maxTokens: 8 },
        samples: 3,
        title: 'refused',
      }),
    );
    const html = await (await request(`/api/runs/${run.id}/export?format=html`)).text();
    expect(html).toContain('<title>refused · Tokenscope consistency</title>');
    expect(html).toContain('Sampling-based confidence: 3 samples at temperature 0.7');
    expect(html).not.toContain('id="ts-data"');
    const md = await (await request(`/api/runs/${run.id}/export?format=md`)).text();
    expect(md.startsWith('# refused\n')).toBe(true);
    expect(md).toContain('> Once upon a time\n\n## Tokenscope consistency\n');
    expect(md).toContain('## Tokenscope consistency');
    expect(md).toContain('### Samples');
    expect(md).not.toContain('Tokenscope report');
    const json = (await (await request(`/api/runs/${run.id}/export?format=json`)).json()) as Record<
      string,
      unknown
    >;
    expect(json).not.toHaveProperty('tokens');
    expect(json.consistency).toMatchObject({
      agreement: run.consistency!.agreement,
      label: expect.stringMatching(
        /^sampling-based confidence: 3 samples at temperature 0\.7, agreement of the answers; 3 requests, \d+ tokens, \d+\.\d s$/,
      ),
    });
    expect(json.run).toMatchObject({ id: run.id, title: 'refused' });
    expect(json.run).not.toHaveProperty('consistency');
  });

  it('a run with both signals exports the X-ray and the consistency view', async () => {
    const { stream, request } = await setup();
    const run = doneRun(
      await stream({
        target: remote('pass'),
        prompt: STORY,
        params: { maxTokens: 6 },
        confidence: 'both',
        samples: 2,
      }),
    );
    const html = await (await request(`/api/runs/${run.id}/export?format=html`)).text();
    expect(html).toContain('id="ts-data"');
    expect(html).toContain('<h2>Sampling consistency</h2>');
    expect(html).toContain('id="cs-data"');
    const md = await (await request(`/api/runs/${run.id}/export?format=md`)).text();
    expect(md).toContain('## Tokenscope report');
    expect(md).toContain('## Tokenscope consistency');
    const json = (await (await request(`/api/runs/${run.id}/export?format=json`)).json()) as Record<
      string,
      unknown
    >;
    expect((json.tokens as unknown[]).length).toBe(6);
    expect(json.consistency).toHaveProperty('samples');
  });
});

describe('POST /api/classify with sampling consistency', () => {
  async function classify(body: Record<string, unknown>) {
    const { request } = await setup();
    return request('/api/classify', {
      method: 'POST',
      body: JSON.stringify({ text: 'Lily went to the park.', labels: ['happy', 'sad'], ...body }),
      headers: { 'Content-Type': 'application/json' },
    });
  }

  it('falls back to sampling where the endpoint refuses logprobs, and says so', async () => {
    const res = await classify({ target: remote('refuse'), samples: 3 });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as ClassifyResponse;
    expect(body.fallback).toMatch(/Invalid parameter: 'logprobs' is not supported with this model\./);
    const c = body.classification;
    expect(c.method).toBe('sampling');
    expect(c.sampling?.samples).toHaveLength(3);
    expect(c.sampling?.temperature).toBe(0.7);
    // Each label's confidence is its share of the 3 answers.
    for (const l of c.labels) expect(l.probability).toBe((l.samples ?? 0) / 3);
    expect(c.notes[0]).toBe('sampling-based: the share of 3 sampled answers that are each label');
  });

  it("'consistency' samples a local model too; 'both' is refused by name", async () => {
    const res = await classify({
      target: { kind: 'local', model: STORIES_ID },
      confidence: 'consistency',
      samples: 2,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as ClassifyResponse;
    expect(body.classification.method).toBe('sampling');
    expect(body.classification.sampling?.samples).toHaveLength(2);
    expect(body.fallback).toBeUndefined();
    const both = await classify({ target: remote('pass'), confidence: 'both' });
    expect(both.status).toBe(400);
    expect(((await both.json()) as { error: { param: string } }).error.param).toBe('confidence');
  });
});
