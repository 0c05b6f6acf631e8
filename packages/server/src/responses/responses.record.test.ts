import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '@tokenscope/local';
import { openRunStore, type RunStore } from '@tokenscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStories } from '../../test/storiesEngine.js';
import { createApp } from '../createApp.js';

/** `serve --record` keeps Responses API answers as chat runs, with logprobs the client did not ask for. */

let engine: Engine;
let store: RunStore;
let dir: string;

beforeAll(async () => {
  engine = await loadStories();
  dir = mkdtempSync(join(tmpdir(), 'tokenscope-responses-record-'));
  store = await openRunStore({ dataDir: dir });
});

afterAll(async () => {
  await store?.close();
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function waitForRuns(dataset: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const list = await store.list({ dataset });
    if (list.total >= count) return list;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`expected ${count} runs in ${dataset}`);
}

describe('serve --record on POST /v1/responses', () => {
  it('records whole and streamed answers in the header’s dataset, with logprobs', async () => {
    const errors: Error[] = [];
    const app = createApp({ engines: [engine], record: { store, onError: (e) => errors.push(e) } });
    const post = (body: Record<string, unknown>) =>
      app.request('/v1/responses', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Tokenscope-Dataset': 'responses' },
        body: JSON.stringify({ model: 'stories260K', max_output_tokens: 6, temperature: 0, ...body }),
      });
    const whole = await post({ instructions: 'Be brief.', input: 'Once upon a time' });
    expect(whole.status).toBe(200);
    const json = (await whole.json()) as {
      output: Array<{ content: Array<{ text: string; logprobs: unknown[] }> }>;
    };
    expect(json.output[0]!.content[0]!.logprobs).toEqual([]); // the client asked for none
    const streamed = await post({ input: [{ role: 'user', content: 'The cat' }], stream: true });
    expect(streamed.status).toBe(200);
    await streamed.text();

    const list = await waitForRuns('responses', 2);
    const run = list.runs.find((r) => r.answerPreview === json.output[0]!.content[0]!.text);
    expect(run).toBeDefined();
    const record = await store.get(run!.id);
    expect(record.prompt).toEqual({
      kind: 'chat',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Once upon a time' },
      ],
    });
    const tokens = record.response.completions[0]!.tokens;
    expect(tokens.length).toBe(6);
    for (const t of tokens) expect(t.logprob).not.toBeNull();
    expect(errors).toEqual([]);
  });
});
