/** Test helpers: temporary store folders and runs built from real recorded responses. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LogprobResponse, type NewRun, parseResponse } from '@tokenscope/core';

const FIXTURES = new URL('../../core/src/formats/__fixtures__/', import.meta.url);

/** A real response from core's fixtures, parsed. */
export function fixtureResponse(name: string): LogprobResponse {
  return parseResponse(readFileSync(new URL(name, FIXTURES), 'utf8'));
}

/** seed 003: gpt-4o, "Andrzej Duda", top_logprobs 2 (recorded). */
export const SEED = 'openai-chat.seed003.recorded.json';
/** tokenscope serve on stories260K (recorded). */
export const STORIES = 'openai-chat.tokenscope-serve-stories260k.recorded.json';

/** A valid run: a text prompt answered by the seed response; `extra` overrides fields. */
export function newRun(extra: Partial<NewRun> = {}): NewRun {
  return {
    source: 'local',
    model: 'stories260K.gguf',
    prompt: { kind: 'text', text: 'Once upon a time' },
    params: { temperature: 0.8, topLogprobs: 5, maxTokens: 32 },
    response: fixtureResponse(SEED),
    ...extra,
  };
}

/** A fresh folder under the OS temp folder; `cleanup` removes it. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tokenscope-store-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
