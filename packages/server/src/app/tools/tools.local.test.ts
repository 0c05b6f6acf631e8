import type {
  AppErrorBody,
  ClassifyResponse,
  NextTokenDistribution,
  RerankResponse,
  RunStreamEvent,
  ScoreResponse,
} from '@tokenscope/core';
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { testServices } from '../../../test/appServices.js';
import { doneRun, post, readEvents, STORIES_ID, useStoriesCatalog } from '../../../test/generationApp.js';
import type { AppServices } from '../AppServices.js';
import { createApiApp } from '../createApiApp.js';

/** The tool routes and constrained generation through the whole `/api` app on the real stories260K. */

const catalog = useStoriesCatalog();

const local = { kind: 'local', model: STORIES_ID } as const;

async function setup(): Promise<{ app: Hono; services: AppServices }> {
  const services = await testServices({ catalog: catalog() });
  return { app: createApiApp(services), services };
}

async function ok<T>(app: Hono, path: string, body: unknown): Promise<T> {
  const response = await post(app, path, body);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

async function refused(app: Hono, path: string, body: unknown, status = 400): Promise<AppErrorBody['error']> {
  const response = await post(app, path, body);
  expect(response.status, await response.clone().text()).toBe(status);
  return ((await response.json()) as AppErrorBody).error;
}

describe('POST /api/classify on a local model', () => {
  it('gives every label a probability (summing to 1), the margin and the decision', async () => {
    const { app } = await setup();
    const labels = ['happy', 'sad', 'a big red ball'];
    const result = await ok<ClassifyResponse>(app, '/api/classify', {
      target: local,
      text: 'Lily smiled and played with her friends all day.',
      labels,
      minMargin: 0.05,
    });
    const c = result.classification;
    expect(result.model).toBe(STORIES_ID);
    expect(result.prompt).toContain('Lily smiled');
    expect(c.method).toBe('exact');
    expect(c.labels.map((l) => l.label)).toEqual(labels);
    expect(c.labels.reduce((s, l) => s + l.probability, 0)).toBeCloseTo(1, 12);
    expect(c.labels[2]!.tokenCount).toBeGreaterThan(1); // a multi-token label, scored in full
    const sorted = [...c.labels].sort((a, b) => b.probability - a.probability);
    expect(c.top).toBe(sorted[0]!.label);
    expect(c.margin).toBeCloseTo(sorted[0]!.probability - sorted[1]!.probability, 12);
    expect(c.abstain).toBe(c.margin < 0.05);
    expect(c.label).toBe(c.abstain ? null : c.top);
    for (const l of c.labels) expect(l.rawProbability).toBeCloseTo(Math.exp(l.logprob!), 12);
    expect(c.labelMass).toBeCloseTo(
      c.labels.reduce((s, l) => s + l.rawProbability, 0),
      12,
    );
  });

  it('abstains when the margin is below minMargin, and uses the template it is given', async () => {
    const { app } = await setup();
    const result = await ok<ClassifyResponse>(app, '/api/classify', {
      target: local,
      text: 'The dog ran.',
      labels: ['yes', 'no'],
      template: 'Story: {text}\nIs it about a dog?',
      minMargin: 1,
    });
    expect(result.prompt).toBe('Story: The dog ran.\nIs it about a dog?');
    expect(result.classification).toMatchObject({ abstain: true, label: null, minMargin: 1 });
  });

  it('refuses bad input naming the field, before loading a model', async () => {
    const { app } = await setup();
    const base = { target: local, text: 'hi', labels: ['a', 'b'] };
    expect(await refused(app, '/api/classify', { ...base, labels: ['only'] })).toMatchObject({
      param: 'labels',
    });
    const twice = await refused(app, '/api/classify', { ...base, labels: ['a', 'a'] });
    expect(twice).toMatchObject({ param: 'labels', type: 'invalid_request_error' });
    expect(twice.message).toMatch(/"a" twice/);
    const template = await refused(app, '/api/classify', { ...base, template: 'no placeholder' });
    expect(template).toMatchObject({ param: 'template' });
    expect(template.message).toMatch(/\{text\}/);
    expect(await refused(app, '/api/classify', { ...base, text: '  ' })).toMatchObject({ param: 'text' });
    expect(await refused(app, '/api/classify', { ...base, minMargin: 2 })).toMatchObject({
      param: 'minMargin',
    });
    expect(await refused(app, '/api/classify', { ...base, extra: 1 })).toMatchObject({ param: 'extra' });
    const missing = await refused(
      app,
      '/api/classify',
      { ...base, target: { kind: 'local', model: 'nope' } },
      404,
    );
    expect(missing.code).toBe('model_not_found');
  });
});

describe('POST /api/rerank on a local model', () => {
  it('ranks the candidates by total, mean and normalised logprob, equal to separate full passes', async () => {
    const { app } = await setup();
    const prompt = 'Once upon a time, there was a little';
    const candidates = ['girl', 'dog named Max', 'xylophone'];
    const result = await ok<RerankResponse>(app, '/api/rerank', { target: local, prompt, candidates });
    expect(result).toMatchObject({ model: STORIES_ID, prompt, alpha: 0.6, lengthPenalty: 'power' });
    expect(result.candidates.map((c) => c.text)).toEqual(candidates);
    for (const name of ['total', 'mean', 'normalized'] as const) {
      expect([...result.rankings[name]].sort()).toEqual([0, 1, 2]);
      expect(result.candidates.map((c) => c.rank[name]).sort()).toEqual([1, 2, 3]);
    }
    const engine = await catalog().engine(STORIES_ID);
    const base = (await engine.score(prompt)).sumLogprob;
    for (const c of result.candidates) {
      const whole = (await engine.score(`${prompt} ${c.text}`)).sumLogprob;
      expect(c.sumLogprob).toBeCloseTo(whole - base, 3);
      expect(c.meanLogprob).toBeCloseTo(c.sumLogprob / c.tokenCount, 12);
    }
    expect(result.candidates[0]!.rank.total).toBe(1); // "girl" is the story model's word
  });

  it('refuses duplicate and empty candidates and a bad alpha', async () => {
    const { app } = await setup();
    const base = { target: local, prompt: 'p', candidates: ['a', 'b'] };
    expect(await refused(app, '/api/rerank', { ...base, candidates: ['a', 'b', 'a'] })).toMatchObject({
      param: 'candidates[2]',
    });
    expect(await refused(app, '/api/rerank', { ...base, candidates: [] })).toMatchObject({
      param: 'candidates',
    });
    expect(await refused(app, '/api/rerank', { ...base, candidates: ['a', ' '] })).toMatchObject({
      param: 'candidates[1]',
    });
    expect(await refused(app, '/api/rerank', { ...base, alpha: 3 })).toMatchObject({ param: 'alpha' });
  });
});

describe('POST /api/score on a local model', () => {
  it('scores every token of the text, with ranks and perplexity, as a response the X-ray reads', async () => {
    const { app, services } = await setup();
    const text = 'Lily saw a big red ball in the park.';
    const result = await ok<ScoreResponse>(app, '/api/score', { target: local, text, topLogprobs: 3 });
    const completion = result.response.completions[0]!;
    expect(completion.text.trim()).toBe(text);
    expect(result.tokenCount).toBe(completion.tokens.length);
    const known = completion.tokens.filter((t) => t.logprob !== null);
    const sum = known.reduce((s, t) => s + t.logprob!, 0);
    expect(result.sumLogprob).toBeCloseTo(sum, 9);
    expect(result.perplexity).toBeCloseTo(Math.exp(-sum / known.length), 9);
    expect(result.topChoiceCount + result.belowTopK).toBeLessThanOrEqual(known.length);
    for (const t of completion.tokens) expect(t.top).toHaveLength(3);
    expect(result.run).toBeUndefined();
    expect((await services.store.list({})).total).toBe(0);
  });

  it('saves the scored text as a run on request, which the explorer can recompute', async () => {
    const { app, services } = await setup();
    const result = await ok<ScoreResponse>(app, '/api/score', {
      target: local,
      text: 'The cat sat on the mat.',
      save: true,
    });
    const run = result.run!;
    expect(run).toMatchObject({ source: 'local', model: STORIES_ID, prompt: null, tags: ['scored'] });
    expect(run.title).toBe('Scored: The cat sat on the mat.');
    expect(run.promptTokenIds).toEqual([1]); // the BOS the text was scored after
    expect(await services.store.get(run.id)).toEqual(run);
    const d = await ok<NextTokenDistribution>(app, `/api/runs/${run.id}/distribution`, {
      position: 2,
      top: 3,
    });
    expect(d.source).toBe('engine');
    const stored = run.response.completions[0]!.tokens[2]!;
    expect(d.alternatives[0]!.logprob).toBeCloseTo(stored.top[0]!.logprob!, 4);
  });

  it('refuses empty text and too many alternatives', async () => {
    const { app } = await setup();
    expect(await refused(app, '/api/score', { target: local, text: '' })).toMatchObject({ param: 'text' });
    expect(await refused(app, '/api/score', { target: local, text: 'a', topLogprobs: 21 })).toMatchObject({
      param: 'topLogprobs',
    });
  });
});

describe('POST /api/generate with a constraint', () => {
  const tokenEvents = (events: RunStreamEvent[]) =>
    events.filter((e): e is Extract<RunStreamEvent, { type: 'token' }> => e.type === 'token');

  it('streams constrained tokens (raw beside allowed) and saves them with the run', async () => {
    const { app, services } = await setup();
    const choices = ['happy', 'sad', 'very big'];
    const response = await post(app, '/api/generate', {
      target: local,
      prompt: { kind: 'text', text: 'The dog was' },
      params: { temperature: 0, maxTokens: 8, topLogprobs: 4 },
      constraint: { kind: 'choices', choices },
    });
    expect(response.status).toBe(200);
    const events = await readEvents(response);
    const run = doneRun(events);
    const completion = run.response.completions[0]!;
    expect(choices).toContain(completion.text);
    expect(completion.constraint).toEqual({
      kind: 'choices',
      description: '"happy" | "sad" | "very big"',
      complete: true,
    });
    const streamed = tokenEvents(events);
    expect(streamed.length).toBe(completion.tokens.length);
    for (const [i, token] of completion.tokens.entries()) {
      const c = token.constrained!;
      expect(c.allowedMass).toBeGreaterThan(0);
      expect(c.allowedMass).toBeLessThanOrEqual(1);
      // the allowed value is the raw one renormalised over the allowed mass
      expect(c.logprob!).toBeCloseTo(token.logprob! - Math.log(c.allowedMass), 6);
      expect(streamed[i]!.token.constrained).toEqual(c);
    }
    expect(await services.store.get(run.id)).toEqual(run);
  });

  it('refuses a constraint on a remote endpoint or with the processed distribution', async () => {
    const { app } = await setup();
    const body = {
      prompt: { kind: 'text', text: 'x' },
      params: {},
      constraint: { kind: 'choices', choices: ['a'] },
    };
    expect(
      await refused(app, '/api/generate', {
        ...body,
        target: { kind: 'remote', baseURL: 'http://127.0.0.1:9/v1', model: 'm' },
      }),
    ).toMatchObject({ param: 'constraint' });
    expect(
      await refused(app, '/api/generate', { ...body, target: local, params: { distribution: 'processed' } }),
    ).toMatchObject({ param: 'params.distribution' });
    expect(
      await refused(app, '/api/generate', { ...body, target: local, constraint: { kind: 'regex' } }),
    ).toMatchObject({ param: 'constraint.kind' });
  });

  it('keeps the constraint in the run, and a branch continues under it to another allowed answer', async () => {
    const { app, services } = await setup();
    const choices = [' Lily and Tom', ' Sue went home', ' Timmy'];
    const constraint = { kind: 'choices', choices };
    const parent = doneRun(
      await readEvents(
        await post(app, '/api/generate', {
          target: local,
          prompt: { kind: 'text', text: 'Once upon a time, there was a little girl named' },
          params: { temperature: 0, topLogprobs: 5 },
          constraint,
        }),
      ),
    );
    expect(parent.constraint).toEqual(constraint);
    expect((await services.store.get(parent.id)).constraint).toEqual(constraint);
    const [first] = parent.response.completions[0]!.tokens;
    // An allowed first token that does not start the parent's answer: it starts another choice.
    const other = first!.constrained!.top.find(
      (a) => a.logprob !== null && !parent.response.completions[0]!.text.startsWith(a.text),
    )!;
    const events = await readEvents(
      await post(app, `/api/runs/${parent.id}/branch`, {
        position: 0,
        token: { text: other.text, id: other.id },
      }),
    );
    const branch = doneRun(events);
    const completion = branch.response.completions[0]!;
    expect(choices).toContain(completion.text);
    expect(completion.text).not.toBe(parent.response.completions[0]!.text);
    expect(completion.text.startsWith(other.text)).toBe(true);
    expect(completion.constraint).toEqual(parent.response.completions[0]!.constraint);
    expect(branch.constraint).toEqual(constraint);
    for (const token of completion.tokens.slice(1)) expect(token.constrained?.allowedMass).toBeGreaterThan(0);
    expect(await services.store.get(branch.id)).toEqual(branch);

    // A token the constraint does not allow there: an error event naming it; nothing saved.
    const allowed = new Set(first!.constrained!.top.map((a) => a.id));
    const banned = first!.top.find((a) => !allowed.has(a.id))!;
    const refusedEvents = await readEvents(
      await post(app, `/api/runs/${parent.id}/branch`, {
        position: 0,
        token: { text: banned.text, id: banned.id },
      }),
    );
    const last = refusedEvents.at(-1)!;
    expect(last.type).toBe('error');
    if (last.type === 'error') {
      expect(last.error.code).toBe('invalid_option');
      expect(last.error.message).toContain(
        `${JSON.stringify(banned.text)}) is not allowed by the constraint`,
      );
    }
    expect((await services.store.list()).total).toBe(2);

    // End of text (id 2, `</s>`) where no choice is complete yet: refused the same way.
    const ended = (
      await readEvents(
        await post(app, `/api/runs/${parent.id}/branch`, { position: 0, token: { text: '</s>', id: 2 } }),
      )
    ).at(-1)!;
    expect(ended.type).toBe('error');
    if (ended.type === 'error') expect(ended.error.message).toContain('token 2 ("</s>") is not allowed');
    expect((await services.store.list()).total).toBe(2);
  });

  it('ends the stream with an error event naming the field when the grammar does not parse', async () => {
    const { app } = await setup();
    const response = await post(app, '/api/generate', {
      target: local,
      prompt: { kind: 'text', text: 'The dog' },
      params: { maxTokens: 4 },
      constraint: { kind: 'grammar', gbnf: 'root ::= nowhere' },
    });
    const events = await readEvents(response);
    const last = events.at(-1)!;
    expect(last.type).toBe('error');
    if (last.type === 'error') {
      expect(last.error.code).toBe('invalid_option');
      expect(last.error.message).toMatch(/constraint\.gbnf/);
    }
  });
});
