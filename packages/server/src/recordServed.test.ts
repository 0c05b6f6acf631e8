/**
 * `serve --record` through the app (no socket) on the real stories260K engine, into a real SQLite
 * store and a real PostgreSQL database: every answered /v1 request becomes a run with logprobs (even
 * when the client asked for none, and the client still gets none), in the dataset the header names.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '@tokenscope/local';
import { openRunStore, type RunStore } from '@tokenscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../store/test/postgresDatabase.js';
import { loadStories } from '../test/storiesEngine.js';
import { createApp } from './createApp.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadStories();
}, 60_000);
afterAll(async () => {
  await engine.close();
});

async function waitForRuns(store: RunStore, dataset: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const list = await store.list({ dataset });
    if (list.total >= count) return list;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`expected ${count} runs in ${dataset}`);
}

function post(
  app: ReturnType<typeof createApp>,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`serve --record (${backend})`, () => {
    let store: RunStore;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      if (backend === 'sqlite') {
        const dir = mkdtempSync(join(tmpdir(), 'tokenscope-record-'));
        store = await openRunStore({ dataDir: dir });
        cleanup = async () => rmSync(dir, { recursive: true, force: true });
      } else {
        const db = await createTestDatabase();
        store = await openRunStore({ databaseUrl: db.url });
        cleanup = db.drop;
      }
    });
    afterAll(async () => {
      await store.close();
      await cleanup();
    });

    it('records chat and completions answers, streamed or not, in the header’s dataset, with logprobs', async () => {
      const errors: Error[] = [];
      const app = createApp({ engines: [engine], record: { store, onError: (e) => errors.push(e) } });
      const chat = await post(
        app,
        '/v1/chat/completions',
        {
          model: 'stories260K',
          messages: [{ role: 'user', content: 'Once upon a time' }],
          max_tokens: 8,
          temperature: 0,
        },
        { 'X-Tokenscope-Dataset': 'team-a' },
      );
      expect(chat.status).toBe(200);
      const body = (await chat.json()) as {
        choices: Array<{ logprobs: unknown; message: { content: string } }>;
      };
      expect(body.choices[0]!.logprobs).toBeNull(); // the client asked for none
      const streamed = await post(
        app,
        '/v1/completions',
        {
          model: 'stories260K',
          prompt: 'Once upon a time',
          max_tokens: 8,
          temperature: 0,
          stream: true,
          logprobs: 2,
        },
        { 'X-Tokenscope-Dataset': 'team-a' },
      );
      expect(streamed.status).toBe(200);
      await streamed.text();
      const list = await waitForRuns(store, 'team-a', 2);
      expect(list.runs.map((r) => r.model).sort()).toEqual(['stories260K', 'stories260K']);
      const chatRun = list.runs.find(
        (r) => r.promptPreview === 'Once upon a time' && r.answerPreview === body.choices[0]!.message.content,
      );
      expect(chatRun).toBeDefined();
      const record = await store.get(chatRun!.id);
      expect(record.prompt).toEqual({
        kind: 'chat',
        messages: [{ role: 'user', content: 'Once upon a time' }],
      });
      const tokens = record.response.completions[0]!.tokens;
      expect(tokens.length).toBeGreaterThan(0);
      for (const t of tokens) expect(t.logprob).not.toBeNull();
      expect(record.tags).toEqual(['serve']);
      expect(errors).toEqual([]);
    }, 60_000);

    it('refuses a bad dataset header before generating', async () => {
      const app = createApp({ engines: [engine], record: { store } });
      const response = await post(
        app,
        '/v1/chat/completions',
        { model: 'stories260K', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 2 },
        { 'X-Tokenscope-Dataset': 'a\u0001b' },
      );
      expect(response.status).toBe(400);
      const error = ((await response.json()) as { error: { param: string; code: string } }).error;
      expect(error).toMatchObject({ param: 'X-Tokenscope-Dataset', code: 'invalid_dataset' });
    });
  });
}
