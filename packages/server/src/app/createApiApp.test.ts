import { readFileSync } from 'node:fs';
import { type AppStatus, parseResponse, type RunList, type RunRecord } from '@tokenscope/core';
import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores, fixedCatalog, testServices } from '../../test/appServices.js';
import type { AppServices } from './AppServices.js';
import { type ApiAppOptions, createApiApp } from './createApiApp.js';
import { WORKER_IMPORT_BYTES } from './importInWorker.js';

const FIXTURES = new URL('../../../core/src/formats/__fixtures__/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const JSON_HEADERS = { 'Content-Type': 'application/json' };

afterEach(closeTestStores);

async function setup(overrides: Partial<AppServices> = {}, options: ApiAppOptions = {}) {
  const services = await testServices(overrides);
  const app = createApiApp(services, options);
  const request = (path: string, init: RequestInit = {}) => app.request(path, init);
  const importText = async (body: string, query: string, type = 'application/octet-stream') =>
    request(`/api/import?${query}`, { method: 'POST', body, headers: { 'Content-Type': type } });
  const imported = async (name: string, query = `name=${encodeURIComponent(name)}`): Promise<RunRecord> => {
    const res = await importText(fixture(name), query);
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as RunRecord;
  };
  return { services, app, request, importText, imported };
}

/** An OpenAI chat response whose tokens are markup (attacker-controlled text). */
function hostileChat(): string {
  const tokens = ['<img src=x onerror=alert(1)>', '</script>', ' & "quotes"'];
  return JSON.stringify({
    id: 'chatcmpl-x',
    object: 'chat.completion',
    model: 'evil-model</script>',
    choices: [
      {
        index: 0,
        finish_reason: 'stop',
        message: { role: 'assistant', content: tokens.join('') },
        logprobs: {
          content: tokens.map((token, i) => ({
            token,
            logprob: -0.1 * (i + 1),
            bytes: null,
            top_logprobs: [{ token, logprob: -0.1 * (i + 1), bytes: null }],
          })),
        },
      },
    ],
  });
}

async function errorOf(res: Response) {
  const body = (await res.json()) as {
    error: { message: string; type: string; param: string | null; code: string | null };
  };
  return body.error;
}

describe('GET /api/status', () => {
  it('reports the version, the models, the default model and where runs are saved', async () => {
    const { request, services } = await setup();
    const res = await request('/api/status');
    expect(res.status).toBe(200);
    const status = (await res.json()) as AppStatus;
    expect(status).toEqual({
      version: '9.9.9',
      models: [{ id: 'stories260K', path: '/models/stories260K.gguf' }],
      defaultModel: 'stories260K',
      defaultModelSource: '../shared/models',
      dataFile: services.store.location,
      apiKeyRequired: false,
    });
  });

  it('with no model, says how to get one', async () => {
    const { request } = await setup({ catalog: fixedCatalog([], 'Put a .gguf file in ./models') });
    const status = (await (await request('/api/status')).json()) as AppStatus;
    expect(status.defaultModel).toBeNull();
    expect(status.models).toEqual([]);
    expect(status.modelHelp).toBe('Put a .gguf file in ./models');
    expect(status).not.toHaveProperty('defaultModelSource');
  });
});

describe('POST /api/import', () => {
  it.each([
    ['openai-chat.seed003.recorded.json', 'openai-chat'],
    ['tgi.generate-stream.recorded.sse.txt', 'tgi'],
    ['ollama.generate-stream.unrecorded.jsonl', 'ollama'],
    ['gemini.generate-content.unrecorded.json', 'gemini'],
    ['llamacpp-completion.whole.unrecorded.json', 'llamacpp-completion'],
    ['openai-completions.tokenscope-serve-stories260k-stream.recorded.sse.txt', 'openai-completions'],
  ])('saves %s as an import (format %s)', async (name, format) => {
    const { imported, request } = await setup();
    const run = await imported(name);
    expect(run.source).toBe('import');
    expect(run.fileName).toBe(name);
    expect(run.title).toBe(name.replace(/(\.(json|jsonl|sse|txt))+$/, ''));
    expect(run.prompt).toBeNull();
    expect(run.response.format).toBe(format);
    expect(run.response).toEqual(parseResponse(fixture(name)));
    expect(run.summary.tokens).toBe(run.response.completions[0]!.tokens.length);
    expect(run.summary.tokens).toBeGreaterThan(0);
    expect(await (await request(`/api/runs/${run.id}`)).json()).toEqual(run);
  });

  it('takes the format from `from`, and JSON bodies as application/json', async () => {
    const { importText } = await setup();
    const res = await importText(
      fixture('tgi.generate.recorded.json'),
      'from=tgi&name=a.json',
      'application/json',
    );
    expect(res.status).toBe(201);
    expect(((await res.json()) as RunRecord).response.format).toBe('tgi');
    const wrong = await importText(fixture('tgi.generate.recorded.json'), 'from=gemini');
    expect(wrong.status).toBe(400);
    expect((await errorOf(wrong)).message).toMatch(/gemini/);
  });

  it('stores every choice of a multi-choice response; the summary is of choice 0', async () => {
    const { imported } = await setup();
    const run = await imported('openai-chat.azure-n2.unrecorded.jsonl');
    expect(run.response.completions.length).toBe(2);
    expect(run.summary.tokens).toBe(run.response.completions[0]!.tokens.length);
  });

  it('answers bad files with a 400 carrying the parser message', async () => {
    const { importText, request } = await setup();
    for (const [body, code] of [
      ['this is not a response', 'invalid_json'],
      ['', 'empty_input'],
      ['{"hello": "world"}', 'unknown_format'],
      [fixture('openai-chat.bad-no-logprobs.unrecorded.json'), 'no_logprobs'],
      [fixture('openai-chat.bad-truncated.unrecorded.sse.txt'), 'truncated_stream'],
    ] as const) {
      const res = await importText(body, 'name=junk.json');
      expect(res.status, body.slice(0, 30)).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe(code);
      expect(error.type).toBe('invalid_request_error');
      expect(() => parseResponse(body)).toThrow(error.message);
    }
    const list = (await (await request('/api/runs')).json()) as RunList;
    expect(list.total).toBe(0);
  });

  it('answers deeply nested input with a 400 naming the depth, inline and on the worker', async () => {
    const { importText } = await setup();
    for (const [body, depth] of [
      ['['.repeat(5_000), 5_000],
      ['{"a":'.repeat(20_000), 20_000],
      ['['.repeat(WORKER_IMPORT_BYTES + 1), WORKER_IMPORT_BYTES + 1],
    ] as const) {
      const res = await importText(body, 'name=deep.json');
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('nesting_too_deep');
      expect(error.message).toMatch(`input nests ${depth} levels deep (line 1); the limit is 256 levels`);
    }
  });

  it('refuses an unknown `from` or query parameter, naming it', async () => {
    const { importText } = await setup();
    const bad = await importText('{}', 'from=word');
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).param).toBe('from');
    const unknown = await importText('{}', 'file=x');
    expect((await errorOf(unknown)).param).toBe('file');
  });

  it('keeps only the base name of the file name, without control characters', async () => {
    const { importText } = await setup();
    const res = await importText(
      fixture('tgi.generate.recorded.json'),
      `name=${encodeURIComponent('../../etc/x\u0007y.json')}`,
    );
    const run = (await res.json()) as RunRecord;
    expect(run.fileName).toBe('xy.json');
    expect(run.title).toBe('xy');
  });

  it('answers a file over the import limit with a 413', async () => {
    const { importText } = await setup({}, { maxImportBytes: 500 });
    const res = await importText(fixture('openai-chat.seed003.recorded.json'), 'name=big.json');
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('request_too_large');
  });
});

describe('run routes', () => {
  it('lists, searches, filters and pages runs', async () => {
    const { imported, request } = await setup();
    const a = await imported('tgi.generate.recorded.json');
    const b = await imported('gemini.generate-content.unrecorded.json');
    const c = await imported('ollama.generate.unrecorded.json');
    const all = (await (await request('/api/runs')).json()) as RunList;
    expect(all.total).toBe(3);
    expect(all.runs.map((r) => r.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(all.runs[0]).not.toHaveProperty('response');
    const page1 = (await (await request('/api/runs?limit=2')).json()) as RunList;
    const page2 = (await (await request('/api/runs?limit=2&offset=2')).json()) as RunList;
    expect(page1.runs).toHaveLength(2);
    expect(page2.runs).toHaveLength(1);
    expect(page1.total).toBe(3);
    expect([...page1.runs, ...page2.runs].map((r) => r.id).sort()).toEqual(all.runs.map((r) => r.id).sort());
    const found = (await (await request('/api/runs?search=gemini')).json()) as RunList;
    expect(found.runs.map((r) => r.id)).toEqual([b.id]);
    const imports = (await (await request('/api/runs?source=import&search=')).json()) as RunList;
    expect(imports.total).toBe(3);
    const locals = (await (await request('/api/runs?source=local')).json()) as RunList;
    expect(locals.total).toBe(0);
  });

  it('refuses bad list parameters, naming them', async () => {
    const { request } = await setup();
    for (const [query, param] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['offset=-1', 'offset'],
      ['source=web', 'source'],
      ['sort=title', 'sort'],
    ]) {
      const res = await request(`/api/runs?${query}`);
      expect(res.status, query).toBe(400);
      expect((await errorOf(res)).param, query).toBe(param);
    }
  });

  it('gets a run; an unknown id is a 404', async () => {
    const { imported, request } = await setup();
    const run = await imported('tgi.generate.recorded.json');
    expect(await (await request(`/api/runs/${run.id}`)).json()).toEqual(run);
    const missing = await request('/api/runs/nope');
    expect(missing.status).toBe(404);
    const error = await errorOf(missing);
    expect(error.type).toBe('not_found_error');
    expect(error.code).toBe('run_not_found');
  });

  it('renames and tags a run; the tags are listed', async () => {
    const { imported, request } = await setup();
    const run = await imported('tgi.generate.recorded.json');
    const other = await imported('gemini.generate-content.unrecorded.json');
    const patch = (id: string, body: unknown) =>
      request(`/api/runs/${id}`, { method: 'PATCH', headers: JSON_HEADERS, body: JSON.stringify(body) });
    const res = await patch(run.id, { title: 'Renamed', tags: ['Draft', 'facts'] });
    expect(res.status).toBe(200);
    const updated = (await res.json()) as RunRecord;
    expect(updated.title).toBe('Renamed');
    expect(updated.tags).toEqual(['draft', 'facts']);
    await patch(other.id, { tags: ['draft'] });
    expect(await (await request('/api/tags')).json()).toEqual([
      { tag: 'draft', count: 2 },
      { tag: 'facts', count: 1 },
    ]);
    const tagged = (await (await request('/api/runs?tag=facts')).json()) as RunList;
    expect(tagged.runs.map((r) => r.id)).toEqual([run.id]);
  });

  it('refuses bad patches with a 400 naming the field', async () => {
    const { imported, request } = await setup();
    const run = await imported('tgi.generate.recorded.json');
    const patch = (body: string) =>
      request(`/api/runs/${run.id}`, { method: 'PATCH', headers: JSON_HEADERS, body });
    for (const [body, param] of [
      ['{"title": 5}', 'title'],
      ['{"tags": "a"}', 'tags'],
      ['{"tags": ["ok", 3]}', 'tags[1]'],
      ['{"title": "x", "model": "y"}', 'model'],
      ['{"title": "   "}', 'title'],
      [JSON.stringify({ title: 'x'.repeat(201) }), 'title'],
      ['{not json', null],
      ['[]', null],
    ] as const) {
      const res = await patch(body);
      expect(res.status, body).toBe(400);
      expect((await errorOf(res)).param, body).toBe(param);
    }
    expect(((await (await request(`/api/runs/${run.id}`)).json()) as RunRecord).title).toBe(run.title);
    const missing = await request('/api/runs/nope', {
      method: 'PATCH',
      headers: JSON_HEADERS,
      body: '{"title":"x"}',
    });
    expect(missing.status).toBe(404);
  });

  it('deletes a run', async () => {
    const { imported, request } = await setup();
    const run = await imported('tgi.generate.recorded.json');
    const res = await request(`/api/runs/${run.id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: run.id });
    expect((await request(`/api/runs/${run.id}`)).status).toBe(404);
    expect((await request(`/api/runs/${run.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('returns the branch tree of a run', async () => {
    const { imported, request, services } = await setup();
    const root = await imported('tgi.generate.recorded.json');
    const token = { text: ' other', logprob: -2.5, bytes: null };
    const branch = await services.store.save({
      source: 'branch',
      model: root.model,
      prompt: null,
      params: {},
      response: root.response,
      branch: { parentId: root.id, position: 1, token },
    });
    await imported('gemini.generate-content.unrecorded.json');
    for (const id of [root.id, branch.id]) {
      const tree = (await (await request(`/api/runs/${id}/tree`)).json()) as Array<{ id: string }>;
      expect(tree.map((r) => r.id)).toEqual([root.id, branch.id]);
    }
    expect((await request('/api/runs/nope/tree')).status).toBe(404);
  });
});

describe('GET /api/runs/:id/export', () => {
  it('exports HTML with the token text escaped, as an attachment named after the title', async () => {
    const { importText, request } = await setup();
    const res = await importText(hostileChat(), `name=${encodeURIComponent('Évil "run" <1>.json')}`);
    const run = (await res.json()) as RunRecord;
    const html = await request(`/api/runs/${run.id}/export?format=html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-disposition')).toBe('attachment; filename="Evil-run-1.html"');
    const page = await html.text();
    expect(page).toMatch(/^<!doctype html>/i);
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // The only script end tag is the one closing each script element.
    expect(page.match(/<\/script/gi)?.length).toBe(page.match(/<script/gi)?.length);
    expect(page).not.toMatch(/<link|<script[^>]+src=/i);
  });

  it('exports Markdown with the title and the escaped text', async () => {
    const { importText, request } = await setup();
    const run = (await (await importText(hostileChat(), 'name=hostile.json')).json()) as RunRecord;
    const res = await request(`/api/runs/${run.id}/export?format=md`);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="hostile.md"');
    const md = await res.text();
    expect(md.startsWith('# hostile\n')).toBe(true);
    expect(md).toContain('# Tokenscope report'.replace('# ', '## '));
    expect(md).toContain('\\<img src=x onerror=alert(1)\\>\\</script\\>');
    expect(md).not.toMatch(/(^|[^\\])<(img|\/script)/m);
  });

  it("exports JSON: core's report plus the run's prompt, parameters and model", async () => {
    const { imported, request, services } = await setup();
    const run = await imported('openai-chat.seed003.recorded.json');
    const res = await request(`/api/runs/${run.id}/export?format=json`);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="openai-chat.seed003.recorded.json"',
    );
    const report = (await res.json()) as Record<string, unknown> & { run: Record<string, unknown> };
    expect(report.version).toBe(1);
    expect(report.generator).toBe('tokenscope');
    expect((report.tokens as unknown[]).length).toBe(run.summary.tokens);
    expect(report.run).toMatchObject({
      id: run.id,
      title: run.title,
      model: run.model,
      prompt: null,
      params: {},
    });
    expect(report.run).not.toHaveProperty('response');
    const local = await services.store.save({
      source: 'local',
      model: 'stories260K',
      prompt: { kind: 'text', text: 'Once upon a time' },
      params: { temperature: 0.7, maxTokens: 8 },
      response: run.response,
    });
    const localReport = (await (await request(`/api/runs/${local.id}/export?format=json`)).json()) as {
      run: Record<string, unknown>;
    };
    expect(localReport.run).toMatchObject({
      model: 'stories260K',
      prompt: { kind: 'text', text: 'Once upon a time' },
      params: { temperature: 0.7, maxTokens: 8 },
    });
  });

  it('refuses an unknown format and an unknown run', async () => {
    const { imported, request } = await setup();
    const run = await imported('tgi.generate.recorded.json');
    const bad = await request(`/api/runs/${run.id}/export?format=pdf`);
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).param).toBe('format');
    expect((await request('/api/runs/nope/export?format=md')).status).toBe(404);
  });
});

describe('request guards', () => {
  it('refuses requests from other origins with a 403, reads or writes', async () => {
    const { request, imported } = await setup();
    const run = await imported('tgi.generate.recorded.json');
    for (const origin of ['http://evil.example', 'http://localhost:8080', 'null']) {
      const read = await request('/api/runs', { headers: { Origin: origin } });
      expect(read.status, origin).toBe(403);
      expect((await errorOf(read)).code).toBe('origin_not_allowed');
      const write = await request(`/api/runs/${run.id}`, {
        method: 'DELETE',
        headers: { Origin: origin, ...JSON_HEADERS },
      });
      expect(write.status, origin).toBe(403);
    }
    expect((await request(`/api/runs/${run.id}`)).status).toBe(200);
    const same = await request('/api/runs', { headers: { Origin: 'http://localhost' } });
    expect(same.status).toBe(200);
    expect(same.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('needs a JSON content type on mutating requests (415 otherwise)', async () => {
    const { request, imported } = await setup();
    const run = await imported('tgi.generate.recorded.json');
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      undefined,
    ]) {
      const headers: Record<string, string> = type === undefined ? {} : { 'Content-Type': type };
      const patch = await request(`/api/runs/${run.id}`, { method: 'PATCH', headers, body: '{"title":"x"}' });
      expect(patch.status, type).toBe(415);
      expect((await errorOf(patch)).code).toBe('unsupported_media_type');
      const imp = await request('/api/import?name=x.json', {
        method: 'POST',
        headers,
        body: fixture('tgi.generate.recorded.json'),
      });
      expect(imp.status, type).toBe(415);
    }
    const del = await request(`/api/runs/${run.id}`, {
      method: 'DELETE',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(del.status).toBe(415);
    expect(((await (await request(`/api/runs/${run.id}`)).json()) as RunRecord).title).toBe(run.title);
    expect((await request('/api/runs')).status).toBe(200);
  });

  it('needs the API key when the server has one (401 like /v1)', async () => {
    const { request } = await setup({ apiKey: 'sk-app' });
    const none = await request('/api/status');
    expect(none.status).toBe(401);
    expect((await errorOf(none)).code).toBe('invalid_api_key');
    expect((await request('/api/runs', { headers: { Authorization: 'Bearer sk-wrong' } })).status).toBe(401);
    const ok = await request('/api/status', { headers: { Authorization: 'Bearer sk-app' } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as AppStatus).apiKeyRequired).toBe(true);
  });

  it('with loopbackHostOnly, refuses host names other than loopback ones (DNS rebinding)', async () => {
    const { app } = await setup({}, { loopbackHostOnly: true });
    expect((await app.request('http://evil.example:8080/api/status')).status).toBe(403);
    for (const host of ['127.0.0.1:8080', 'localhost:8080', '[::1]:8080']) {
      expect((await app.request(`http://${host}/api/status`)).status, host).toBe(200);
    }
  });

  it('answers a JSON body over the limit with a 413 and unknown routes with a JSON 404', async () => {
    const { request, imported } = await setup({}, { maxBodyBytes: 100 });
    const run = await imported('tgi.generate.recorded.json');
    const big = await request(`/api/runs/${run.id}`, {
      method: 'PATCH',
      headers: JSON_HEADERS,
      body: JSON.stringify({ title: 'x'.repeat(200) }),
    });
    expect(big.status).toBe(413);
    const missing = await request('/api/nothing');
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).type).toBe('invalid_request_error');
  });
});
