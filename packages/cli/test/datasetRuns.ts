/** Test helper: a run history with two datasets, built from real recorded responses (core's fixtures). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type NewRun, parseResponse } from '@tokenscope/core';
import { openRunStore, type RunStore } from '@tokenscope/store';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../store/test/postgresDatabase.js';
import { FIXTURES } from './cliHarness.js';

/** A model name no renderer may pass through unescaped. */
export const HOSTILE_MODEL = '<script>alert("model")</script>';

function recorded(name: string): NewRun['response'] {
  return parseResponse(readFileSync(join(FIXTURES, name), 'utf8'));
}

function run(response: string, extra: Partial<NewRun>): NewRun {
  return {
    source: 'import',
    model: 'gpt-4o',
    prompt: { kind: 'text', text: 'Who is the president of Poland?' },
    params: {},
    response: recorded(response),
    ...extra,
  };
}

const SEED = 'openai-chat.seed003.recorded.json';
const STORIES_CHAT = 'openai-chat.tokenscope-serve-stories260k.recorded.json';
const STORIES_TEXT = 'openai-completions.tokenscope-serve-stories260k.recorded.json';
const TGI = 'tgi.generate.recorded.json';
const ECHO = 'openai-completions.tokenscope-serve-echo.recorded.json';

/**
 * Saves seven runs: five in `support-faq` (gpt-4o v1 and v2, stories260K v2 and v1, TGI under a
 * hostile model name without a prompt version), one in `eval-2`, one in no dataset; and one human
 * rejection on the first run. Returns the saved runs' ids in order.
 */
export async function saveDatasetRuns(store: RunStore): Promise<string[]> {
  const runs: NewRun[] = [
    run(SEED, { dataset: 'support-faq', promptVersion: 'v1', tags: ['prod'] }),
    run(SEED, { dataset: 'support-faq', promptVersion: 'v2', tags: ['prod', 'billing'] }),
    run(STORIES_CHAT, { dataset: 'support-faq', promptVersion: 'v2', model: 'stories260K', tags: ['prod'] }),
    run(STORIES_TEXT, { dataset: 'support-faq', promptVersion: 'v1', model: 'stories260K' }),
    run(TGI, { dataset: 'support-faq', model: HOSTILE_MODEL, tags: ['canary'] }),
    run(STORIES_TEXT, { dataset: 'eval-2', promptVersion: 'v1', model: 'stories260K' }),
    run(ECHO, { model: 'stories260K' }),
  ];
  const ids: string[] = [];
  for (const r of runs) ids.push((await store.save(r)).id);
  const sentence = analyze(runs[0]!.response).sentences[0]!;
  await store.review(ids[0]!, {
    sentence: 0,
    charStart: sentence.charStart,
    charEnd: sentence.charEnd,
    text: sentence.text,
    decision: 'rejected',
  });
  return ids;
}

/**
 * For a describe block: a fresh PostgreSQL database holding the fixture history (`saveDatasetRuns`),
 * dropped at the end. `url` and `store` are set once `beforeAll` has run.
 */
export function usePostgresDatasetRuns(): { url: string; store: RunStore } {
  const ctx = {} as { url: string; store: RunStore };
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    ctx.url = database.url;
    ctx.store = await openRunStore({ databaseUrl: database.url });
    await saveDatasetRuns(ctx.store);
  });
  afterAll(async () => {
    await ctx.store?.close();
    await database?.drop();
  });
  return ctx;
}
