import type { ReviewQueue, RunRecord, RunReview, RunReviews } from '@tokenscope/core';
import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores, testServices } from '../../test/appServices.js';
import { chatWithLogprobs, MIXED_PIECES } from '../../test/reviewChat.js';
import type { AppServices } from './AppServices.js';
import { createApiApp } from './createApiApp.js';

afterEach(closeTestStores);
const JSON_HEADERS = { 'Content-Type': 'application/json' };

const chat = (pieces: Array<[string, number]>) => chatWithLogprobs(pieces);
const MIXED = chat(MIXED_PIECES);
const SURE = chat([
  ['Yes', -0.01],
  ['.', -0.01],
]);

async function setup(overrides: Partial<AppServices> = {}) {
  const services = await testServices(overrides);
  const app = createApiApp(services);
  const request = (path: string, init: RequestInit = {}) => app.request(path, init);
  const imported = async (body: string, name: string): Promise<RunRecord> => {
    const res = await request(`/api/import?name=${name}`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as RunRecord;
  };
  const decide = (id: string, body: unknown, headers: Record<string, string> = JSON_HEADERS) =>
    request(`/api/runs/${id}/reviews`, { method: 'POST', headers, body: JSON.stringify(body) });
  const queue = async (query = ''): Promise<ReviewQueue> => {
    const res = await request(`/api/review-queue${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as ReviewQueue;
  };
  return { services, request, imported, decide, queue };
}

describe('review queue', () => {
  it('covers one dataset with ?dataset= and uses its saved thresholds', async () => {
    const { services, queue } = await setup();
    const { parseResponse } = await import('@tokenscope/core');
    const save = (dataset: string | undefined) =>
      services.store.save({
        source: 'import',
        model: 'test-model',
        prompt: null,
        params: {},
        response: parseResponse(MIXED),
        ...(dataset === undefined ? {} : { dataset }),
      });
    const inside = await save('faq');
    await save(undefined);
    const all = await queue();
    expect(all.runs).toHaveLength(2);
    const faq = await queue('?dataset=faq');
    expect(faq.runs.map((r) => r.runId)).toEqual([inside.id]);
    expect(faq.thresholds).toEqual({ publish: -0.5, review: -1.5 });
    // thresholds saved for the dataset (calibrate --save) are the queue's defaults for it
    await services.store.saveDatasetThresholds('faq', { publish: -3, review: -4 });
    const relaxed = await queue('?dataset=faq');
    expect(relaxed.thresholds).toEqual({ publish: -3, review: -4 });
    expect(relaxed.pending).toBeLessThan(faq.pending);
    // an explicit threshold still wins
    expect((await queue('?dataset=faq&publish=-0.5&review=-1.5')).thresholds).toEqual({
      publish: -0.5,
      review: -1.5,
    });
  });

  it('a run made from samples only waits by its sampling agreement (gateConsistency), until decided', async () => {
    const { services, queue, decide } = await setup();
    const { analyzeConsistency, gateConsistency, samplesResponse } = await import('@tokenscope/core');
    const save = (texts: string[]) => {
      const consistency = analyzeConsistency(
        texts.map((text) => ({ text })),
        { temperature: 0.7, cost: { requests: texts.length } },
      );
      return services.store.save({
        source: 'remote',
        model: 'o3-mini',
        prompt: { kind: 'text', text: 'Capital of France?' },
        params: {},
        response: samplesResponse(consistency, { format: 'openai-chat', model: 'o3-mini' }),
        consistency,
      });
    };
    const split = await save(['Paris', 'Lyon', 'Paris', 'Nice', 'Paris']);
    await save(['Paris', 'Paris', 'paris.', 'Paris', 'Paris']);
    const q = await queue();
    expect(q.runs.map((r) => r.runId)).toEqual([split.id]);
    const expected = gateConsistency(split.consistency!).sentences[0]!;
    expect(q.runs[0]!.pending).toEqual([
      {
        index: 0,
        text: 'Paris',
        charStart: 0,
        charEnd: 5,
        meanLogprob: null,
        reason: `sampling consistency: ${expected.reason}`,
        agreement: 0.6,
        lowConfidenceFacts: [],
      },
    ]);
    const res = await decide(split.id, {
      sentence: 0,
      charStart: 0,
      charEnd: 5,
      text: 'Paris',
      decision: 'approved',
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await queue()).runs).toEqual([]);
  });

  it('lists the sentences the gate sends to review, with reasons and facts; decided ones leave it', async () => {
    const { imported, decide, queue } = await setup();
    const sure = await imported(SURE, 'sure.json');
    const mixed = await imported(MIXED, 'mixed.json');
    const q = await queue();
    expect(q).toMatchObject({
      thresholds: { publish: -0.5, review: -1.5 },
      scanned: 2,
      totalRuns: 2,
      pending: 2,
    });
    expect(q.runs.map((r) => r.runId)).toEqual([mixed.id]);
    const [run] = q.runs;
    expect(run).toMatchObject({ title: 'mixed', model: 'test-model', sentences: 3, decided: 0 });
    expect(run!.pending.map((s) => [s.index, s.text])).toEqual([
      [1, 'Nobody knows.'],
      [2, 'It opened in 1889.'],
    ]);
    expect(run!.pending[0]!.meanLogprob).toBeCloseTo(-2, 12);
    expect(run!.pending[0]!.reason).toBe('mean logprob -2.000 < -1.5');
    expect(run!.pending[1]!.reason).toMatch(/between -1.5 and -0.5, low-confidence critical fact "1889"/);
    expect(run!.pending[1]!.lowConfidenceFacts).toEqual([
      { kind: 'date', text: '1889', minProb: expect.closeTo(Math.exp(-3), 12), meanLogprob: -3 },
    ]);
    expect(sure.id).not.toBe(mixed.id);

    const s = run!.pending[0]!;
    const res = await decide(mixed.id, {
      sentence: s.index,
      charStart: s.charStart,
      charEnd: s.charEnd,
      text: s.text,
      decision: 'edited',
      editedText: 'Nobody knows yet.',
      note: 'softer',
    });
    expect(res.status).toBe(201);
    const saved = (await res.json()) as RunReview;
    expect(saved).toMatchObject({
      runId: mixed.id,
      sentence: 1,
      decision: 'edited',
      editedText: 'Nobody knows yet.',
    });
    const after = await queue();
    expect(after.pending).toBe(1);
    expect(after.runs[0]).toMatchObject({ decided: 1, pending: [{ index: 2 }] });
  });

  it('takes thresholds and a scan limit, and refuses bad ones with a 400 naming them', async () => {
    const { imported, queue, request } = await setup();
    await imported(MIXED, 'old.json');
    await imported(SURE, 'new.json');
    // Only the newest run is scanned: it needs no review.
    expect(await queue('?limit=1')).toMatchObject({ scanned: 1, totalRuns: 2, runs: [], pending: 0 });
    // review below -2.5: "Nobody knows." (-2) is now between without a fact → publish; the sentence
    // with the weak year stays. With publish -0.04 / review -0.06, "Paris is nice." (-0.05) is between
    // without a fact → publish, and "Nobody knows." (-2) is below → review.
    const lenient = await queue('?publish=-0.5&review=-2.5');
    expect(lenient.runs[0]!.pending.map((s) => s.index)).toEqual([2]);
    const strict = await queue('?publish=-0.04&review=-0.06');
    expect(strict.runs[0]!.pending.map((s) => s.index)).toEqual([1, 2]);
    for (const [query, param, message] of [
      ['?limit=0', 'limit', /integer in 1\.\.200/],
      ['?limit=abc', 'limit', /integer in 1\.\.200/],
      ['?publish=x', 'publish', /expected a mean logprob/],
      ['?publish=-2&review=-1', null, /publish threshold \(-2\) must be above the review threshold \(-1\)/],
      ['?publish=0.5', null, /expected a mean logprob <= 0/],
      ['?order=new', 'order', /Unknown query parameter 'order'/],
    ] as const) {
      const res = await request(`/api/review-queue${query}`);
      expect(res.status, query).toBe(400);
      const { error } = (await res.json()) as { error: { message: string; param: string | null } };
      expect(error.message, query).toMatch(message);
      if (param !== null) expect(error.param, query).toBe(param);
    }
  });
});

describe('reviews of a run', () => {
  it('saves decisions (201) and reads the latest per sentence with the history', async () => {
    const { imported, decide, request } = await setup();
    const run = await imported(MIXED, 'mixed.json');
    const base = { sentence: 1, charStart: 15, charEnd: 28, text: 'Nobody knows.' };
    expect((await decide(run.id, { ...base, decision: 'rejected' })).status).toBe(201);
    expect((await decide(run.id, { ...base, decision: 'approved', note: 'fine after all' })).status).toBe(
      201,
    );
    const res = await request(`/api/runs/${run.id}/reviews`);
    expect(res.status).toBe(200);
    const reviews = (await res.json()) as RunReviews;
    expect(reviews.history.map((r) => r.decision)).toEqual(['rejected', 'approved']);
    expect(reviews.latest).toEqual([reviews.history[1]]);
    expect(reviews.latest[0]!.note).toBe('fine after all');
  });

  it('refuses bad decisions with a 400 naming the field, unknown runs with a 404', async () => {
    const { imported, decide, request } = await setup();
    const run = await imported(MIXED, 'mixed.json');
    const base = { sentence: 1, charStart: 15, charEnd: 28, text: 'Nobody knows.', decision: 'approved' };
    for (const [body, param, message] of [
      [{ ...base, decision: 'edited' }, 'editedText', /needs the corrected sentence/],
      [{ ...base, decision: 'yes' }, 'decision', /expected one of/],
      [{ ...base, sentence: -1 }, 'sentence', /invalid review field sentence/],
      [{ ...base, extra: 1 }, 'extra', /Unrecognized request argument supplied: extra/],
      [{ ...base, text: 5 }, 'text', /expected string/],
    ] as const) {
      const res = await decide(run.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { error } = (await res.json()) as { error: { message: string; param: string | null } };
      expect(error.param).toBe(param);
      expect(error.message).toMatch(message);
    }
    expect((await decide('r_nope', base)).status).toBe(404);
    expect((await request('/api/runs/r_nope/reviews')).status).toBe(404);
    const bad = await request(`/api/runs/${run.id}/reviews`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: '{',
    });
    expect(bad.status).toBe(400);
  });

  it('keeps the guards: JSON content type, same origin, the API key', async () => {
    const { imported, decide } = await setup();
    const run = await imported(MIXED, 'mixed.json');
    const base = { sentence: 1, charStart: 15, charEnd: 28, text: 'Nobody knows.', decision: 'approved' };
    expect((await decide(run.id, base, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await decide(run.id, base, { ...JSON_HEADERS, Origin: 'http://evil.example' })).status).toBe(403);
    const locked = await setup({ apiKey: 'sekrit' });
    expect((await locked.request('/api/review-queue')).status).toBe(401);
    const ok = await locked.request('/api/review-queue', { headers: { Authorization: 'Bearer sekrit' } });
    expect(ok.status).toBe(200);
  });

  it('deleting the run deletes its decisions', async () => {
    const { imported, decide, request, services } = await setup();
    const run = await imported(MIXED, 'mixed.json');
    await decide(run.id, {
      sentence: 1,
      charStart: 15,
      charEnd: 28,
      text: 'Nobody knows.',
      decision: 'approved',
    });
    expect((await request(`/api/runs/${run.id}`, { method: 'DELETE', headers: JSON_HEADERS })).status).toBe(
      200,
    );
    await expect(services.store.reviews(run.id)).rejects.toThrow(/no run with id/);
  });
});
