/** Test helpers: temporary store folders and runs built from real recorded responses. */
// The store's figures hold names among the critical facts when the app installs the name finder, as
// the CLI and the server do: the tests do too.
import '@tokenscope/core/names';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, gate, type LogprobResponse, type NewRun, parseResponse } from '@tokenscope/core';

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

/** `response` with every logprob (tokens and their alternatives) multiplied by `factor`: the same answer, less sure. */
export function scaled(response: LogprobResponse, factor: number): LogprobResponse {
  const copy = structuredClone(response);
  for (const completion of copy.completions) {
    for (const token of completion.tokens) {
      if (token.logprob !== null) token.logprob *= factor;
      for (const alternative of token.top) if (alternative.logprob !== null) alternative.logprob *= factor;
    }
  }
  return copy;
}

/** The other recorded responses with sentences: stories260K through tokenscope serve (chat, completion, echo). */
export const STORIES_COMPLETION = 'openai-completions.tokenscope-serve-stories260k.recorded.json';
export const STORIES_ECHO = 'openai-completions.tokenscope-serve-echo.recorded.json';

/**
 * `response` with the tokens of its last sentence (as core's gate splits it) below the reported
 * top-k: no logprob known, so core's gate sends that sentence to review whatever the thresholds.
 */
export function lastSentenceUnknown(response: LogprobResponse): LogprobResponse {
  const copy = structuredClone(response);
  const last = gate(analyze(copy)).sentences.at(-1)!;
  for (const token of copy.completions[0]!.tokens.slice(last.start, last.end)) token.logprob = null;
  return copy;
}

/**
 * Recorded responses, some made less sure with `scaled`, that together give both gate verdicts at
 * core's thresholds and at others, answers of one and of two sentences, low-confidence critical
 * facts ("Andrzej Duda" from seed 003 at 700, 1000 and 2000 times its logprobs) and a sentence
 * without any known logprob.
 */
export const VARIANTS: ReadonlyArray<() => LogprobResponse> = [
  () => fixtureResponse(SEED),
  () => scaled(fixtureResponse(SEED), 700),
  () => scaled(fixtureResponse(SEED), 1000),
  () => scaled(fixtureResponse(SEED), 2000),
  () => fixtureResponse(STORIES),
  () => scaled(fixtureResponse(STORIES), 2.5),
  () => scaled(fixtureResponse(STORIES_COMPLETION), 12),
  () => fixtureResponse(STORIES_ECHO),
  () => scaled(fixtureResponse(STORIES_ECHO), 2),
  () => lastSentenceUnknown(fixtureResponse(STORIES_COMPLETION)),
];

export function variant(index: number): LogprobResponse {
  return VARIANTS[index % VARIANTS.length]!();
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
