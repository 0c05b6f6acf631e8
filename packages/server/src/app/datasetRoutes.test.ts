import { readFileSync } from 'node:fs';
import {
  type DatasetListItem,
  type DatasetSettings,
  type DatasetSummary,
  type NewRun,
  parseResponse,
  type RunList,
} from '@tokenscope/core';
import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores, testServices } from '../../test/appServices.js';
import { createApiApp } from './createApiApp.js';

const FIXTURES = new URL('../../../core/src/formats/__fixtures__/', import.meta.url);
const response = (name: string) => parseResponse(readFileSync(new URL(name, FIXTURES), 'utf8'));
const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** Real recorded responses, one per model, so that the groups differ. */
const BY_MODEL: Record<string, string> = {
  'gpt-4o': 'openai-chat.seed003.recorded.json',
  stories260K: 'openai-chat.tokenscope-serve-stories260k.recorded.json',
  'tgi-model': 'tgi.generate.recorded.json',
};

afterEach(closeTestStores);

function run(model: string, extra: Partial<NewRun> = {}): NewRun {
  return {
    source: 'import',
    model,
    prompt: { kind: 'text', text: `Question for ${model}` },
    params: {},
    response: response(BY_MODEL[model]!),
    ...extra,
  };
}

/** qa: gpt-4o ×3 (v1, v1, v2), stories260K ×2 (v1, v2), tgi-model ×1 (v2); other: one run; one run without a dataset. */
async function setup() {
  const services = await testServices();
  const { store } = services;
  const seeded = [
    run('gpt-4o', { dataset: 'qa', promptVersion: 'v1', tags: ['prod'] }),
    run('gpt-4o', { dataset: 'qa', promptVersion: 'v1' }),
    run('gpt-4o', { dataset: 'qa', promptVersion: 'v2' }),
    run('stories260K', { dataset: 'qa', promptVersion: 'v1', tags: ['prod'] }),
    run('stories260K', { dataset: 'qa', promptVersion: 'v2' }),
    run('tgi-model', { dataset: 'qa', promptVersion: 'v2' }),
    run('tgi-model', { dataset: 'other/set', promptVersion: 'v9' }),
    run('gpt-4o'),
  ];
  for (const r of seeded) await store.save(r);
  const app = createApiApp(services);
  const request = (path: string, init: RequestInit = {}) => app.request(path, init);
  const get = async <T>(path: string): Promise<T> => {
    const res = await request(path);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as T;
  };
  const error = async (path: string, init: RequestInit = {}) => {
    const res = await request(path, init);
    const body = (await res.json()) as {
      error: { message: string; param: string | null; code: string | null };
    };
    return { status: res.status, ...body.error };
  };
  return { services, store, request, get, error };
}

describe('GET /api/datasets and /api/facets', () => {
  it('lists the datasets with their run counts, and the values to filter by', async () => {
    const { get } = await setup();
    const datasets = await get<DatasetListItem[]>('/api/datasets');
    expect(datasets.map((d) => [d.name, d.runs]).sort()).toEqual([
      ['other/set', 1],
      ['qa', 6],
    ]);
    expect(await get('/api/facets?dataset=qa')).toEqual({
      models: ['gpt-4o', 'stories260K', 'tgi-model'],
      promptVersions: ['v1', 'v2'],
    });
    expect(await get('/api/facets')).toEqual({
      models: ['gpt-4o', 'stories260K', 'tgi-model'],
      promptVersions: ['v1', 'v2', 'v9'],
    });
    expect(await get('/api/facets?dataset=')).toEqual(await get('/api/facets'));
  });

  it('refuses an unknown facets parameter, naming it', async () => {
    const { error } = await setup();
    expect(await error('/api/facets?model=x')).toMatchObject({ status: 400, param: 'model' });
  });
});

describe('GET /api/datasets/summary', () => {
  it('groups a dataset by model and by prompt version as the store does', async () => {
    const { get, store } = await setup();
    const byModel = await get<DatasetSummary>('/api/datasets/summary?dataset=qa&groupBy=model');
    expect(byModel).toEqual(await store.datasetSummary({ dataset: 'qa', groupBy: 'model' }));
    expect(byModel.groups.map((g) => [g.key, g.answers])).toEqual([
      ['gpt-4o', 3],
      ['stories260K', 2],
      ['tgi-model', 1],
    ]);
    expect(byModel.total.answers).toBe(6);
    expect(byModel.thresholdsSource).toBe('default');
    // The recorded responses differ, so the groups do.
    expect(new Set(byModel.groups.map((g) => g.meanLogprob)).size).toBe(3);

    const byVersion = await get<DatasetSummary>('/api/datasets/summary?dataset=qa&groupBy=promptVersion');
    // Equal sizes: by key.
    expect(byVersion.groups.map((g) => [g.key, g.answers])).toEqual([
      ['v1', 3],
      ['v2', 3],
    ]);
  });

  it('applies every filter, the histogram bins and thresholds from the query', async () => {
    const { get, store } = await setup();
    const path =
      '/api/datasets/summary?dataset=qa&groupBy=tag&model=gpt-4o&promptVersion=v1&tag=prod&since=2000-01-01&until=2999-01-01&search=&publish=-0.2&review=-3&bins=5&facts=2';
    const summary = await get<DatasetSummary>(path);
    expect(summary).toEqual(
      await store.datasetSummary({
        dataset: 'qa',
        groupBy: 'tag',
        model: 'gpt-4o',
        promptVersion: 'v1',
        tag: 'prod',
        since: '2000-01-01',
        until: '2999-01-01',
        thresholds: { publish: -0.2, review: -3 },
        bins: 5,
        facts: 2,
      }),
    );
    expect(summary.total.answers).toBe(1);
    expect(summary.thresholds).toEqual({ publish: -0.2, review: -3 });
    expect(summary.thresholdsSource).toBe('query');
    expect(summary.total.histogram).toHaveLength(5);
    expect(summary.lowConfidenceFacts.length).toBeLessThanOrEqual(2);
    const none = await get<DatasetSummary>('/api/datasets/summary?dataset=qa&until=2000-01-01');
    expect(none.total.answers).toBe(0);
    const all = await get<DatasetSummary>('/api/datasets/summary');
    expect(all.total.answers).toBe(8);
    expect(all.query.groupBy).toBe('none');
  });

  it('answers a bad parameter with a 400 naming it', async () => {
    const { error } = await setup();
    const cases: Array<[string, string]> = [
      ['groupBy=week', 'groupBy'],
      ['bins=0', 'bins'],
      ['bins=201', 'bins'],
      ['bins=2.5', 'bins'],
      ['facts=101', 'facts'],
      ['publish=-0.5', 'review'],
      ['review=-1.5', 'publish'],
      ['publish=-2&review=-1', 'review'],
      ['publish=0.5&review=-1', 'publish'],
      ['publish=abc&review=-1', 'publish'],
      ['verdict=maybe', 'verdict'],
      ['since=yesterday', 'since'],
      ['until=2026-13-45', 'until'],
      ['source=robot', 'source'],
      ['limit=5', 'limit'],
      ['color=red', 'color'],
    ];
    for (const [query, param] of cases) {
      const e = await error(`/api/datasets/summary?${query}`);
      expect({ query, status: e.status, param: e.param }).toEqual({ query, status: 400, param });
      expect(e.message).toContain(param);
    }
  });
});

describe('GET|PUT /api/datasets/:name/settings', () => {
  it('saves thresholds that the summary then uses, and clears them', async () => {
    const { get, request } = await setup();
    expect(await get<DatasetSettings>('/api/datasets/qa/settings')).toEqual({
      name: 'qa',
      thresholds: null,
      thresholdsNote: null,
      updatedAt: null,
    });
    const put = (body: unknown, name = 'qa') =>
      request(`/api/datasets/${encodeURIComponent(name)}/settings`, {
        method: 'PUT',
        headers: JSON_HEADERS,
        body: JSON.stringify(body),
      });
    const res = await put({ thresholds: { publish: -0.3, review: -2 }, note: 'tried in the app' });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as DatasetSettings;
    expect(saved).toMatchObject({
      name: 'qa',
      thresholds: { publish: -0.3, review: -2 },
      thresholdsNote: 'tried in the app',
    });
    expect(Date.parse(saved.updatedAt ?? '')).not.toBeNaN();
    const summary = await get<DatasetSummary>('/api/datasets/summary?dataset=qa');
    expect(summary.thresholds).toEqual({ publish: -0.3, review: -2 });
    expect(summary.thresholdsSource).toBe('dataset');
    // The query's thresholds win over the saved ones.
    const tried = await get<DatasetSummary>('/api/datasets/summary?dataset=qa&publish=-1&review=-2');
    expect(tried.thresholdsSource).toBe('query');

    expect((await put({ thresholds: null })).status).toBe(200);
    expect((await get<DatasetSettings>('/api/datasets/qa/settings')).thresholds).toBeNull();
    expect((await get<DatasetSummary>('/api/datasets/summary?dataset=qa')).thresholdsSource).toBe('default');

    // A name with a slash travels encoded.
    expect((await put({ thresholds: { publish: -0.1, review: -1 } }, 'other/set')).status).toBe(200);
    expect(
      (await get<DatasetSettings>(`/api/datasets/${encodeURIComponent('other/set')}/settings`)).thresholds,
    ).toEqual({ publish: -0.1, review: -1 });
  });

  it('refuses bad bodies with a 400 naming the field, and non-JSON with a 415', async () => {
    const { request, error } = await setup();
    const put = (body: string, headers: Record<string, string> = JSON_HEADERS) =>
      error('/api/datasets/qa/settings', { method: 'PUT', headers, body });
    expect(await put(JSON.stringify({ thresholds: { publish: -2, review: -1 } }))).toMatchObject({
      status: 400,
      param: 'thresholds.review',
    });
    expect(await put(JSON.stringify({ thresholds: { publish: 1, review: -1 } }))).toMatchObject({
      status: 400,
      param: 'thresholds.publish',
    });
    expect(await put(JSON.stringify({ thresholds: { publish: -1 } }))).toMatchObject({
      status: 400,
      param: 'thresholds.review',
    });
    expect(await put(JSON.stringify({}))).toMatchObject({ status: 400, param: 'thresholds' });
    expect(await put(JSON.stringify({ thresholds: null, extra: 1 }))).toMatchObject({
      status: 400,
      param: 'extra',
    });
    expect(await put(JSON.stringify({ thresholds: null }), { 'Content-Type': 'text/plain' })).toMatchObject({
      status: 415,
    });
    const blank = await error(`/api/datasets/${encodeURIComponent(' ')}/settings`);
    expect(blank).toMatchObject({ status: 400, param: 'name' });
    // Nothing was saved.
    const res = await request('/api/datasets/qa/settings');
    expect(((await res.json()) as DatasetSettings).thresholds).toBeNull();
  });
});

describe('GET /api/runs with the dataset filters', () => {
  it('filters by dataset, prompt version, verdict and time', async () => {
    const { get, error } = await setup();
    const qa = await get<RunList>('/api/runs?dataset=qa&limit=100');
    expect(qa.total).toBe(6);
    expect(qa.runs.every((r) => r.dataset === 'qa')).toBe(true);
    const v2 = await get<RunList>('/api/runs?dataset=qa&promptVersion=v2&model=gpt-4o');
    expect(v2.total).toBe(1);
    expect(v2.runs[0]).toMatchObject({ dataset: 'qa', promptVersion: 'v2', model: 'gpt-4o' });
    const publish = await get<RunList>('/api/runs?dataset=qa&verdict=publish');
    const review = await get<RunList>('/api/runs?dataset=qa&verdict=review');
    expect(publish.total + review.total).toBe(6);
    expect(publish.runs.every((r) => r.verdict === 'publish')).toBe(true);
    expect(review.runs.every((r) => r.verdict === 'review')).toBe(true);
    const day = new Date().toISOString().slice(0, 10);
    expect((await get<RunList>(`/api/runs?dataset=qa&since=${day}`)).total).toBe(6);
    expect((await get<RunList>(`/api/runs?dataset=qa&until=${day}`)).total).toBe(0);
    expect(await error('/api/runs?verdict=ok')).toMatchObject({ status: 400, param: 'verdict' });
    expect(await error('/api/runs?since=soon')).toMatchObject({ status: 400, param: 'since' });
  });
});
