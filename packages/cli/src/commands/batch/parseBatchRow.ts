/**
 * One line of a batch input, read as one of:
 * - a request to run: `{"prompt": "..."}` or `{"messages": [{"role": "user", "content": "..."}]}`,
 *   with optional `id`, `model`, `prompt_version`, `tags`, `expected`, `title`, `max_tokens`,
 *   `temperature`, `top_p`, `top_logprobs`, `seed`;
 * - a recorded response wrapped with the same metadata: `{"id": ..., "recorded": <response or its text>,
 *   "prompt_version": ..., ...}`;
 * - a recorded response as it is (anything `tokenscope analyze` reads, on one line).
 *
 * Each row has a stable key: `id:<id>` when it names an `id` (a recorded response's own id counts),
 * else `sha256:<hash of the line>` (two identical lines without an id are one row). A row that cannot
 * be read still gets its key and an error naming what was wrong, so the batch records it and goes on.
 */
import { createHash } from 'node:crypto';
import type { RunParams, RunPrompt, RunRole } from '@tokenscope/core';
import { isRecord } from '@tokenscope/core';

export interface RowMeta {
  model?: string;
  promptVersion?: string;
  tags: string[];
  expected?: string;
  title?: string;
}

export type BatchRow =
  | ({ kind: 'request'; key: string; prompt: RunPrompt; params: RunParams } & RowMeta)
  | ({ kind: 'recorded'; key: string; response: string; prompt: RunPrompt | null } & RowMeta)
  | { kind: 'invalid'; key: string; error: string };

/** Keys a response carries, never a request: a line with one of them is a recorded response. */
const RESPONSE_KEYS = [
  'choices',
  'output',
  'candidates',
  'details',
  'completion_probabilities',
  'generated_text',
  'meta_info',
  'logits',
  'done',
];
const ROLES: readonly RunRole[] = ['system', 'user', 'assistant', 'developer'];
const MAX_KEY = 200;

export function parseBatchRow(line: string): BatchRow {
  const hashKey = `sha256:${createHash('sha256').update(line.trim()).digest('hex').slice(0, 32)}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return {
      kind: 'invalid',
      key: hashKey,
      error: `not valid JSON (${(error as Error).message}); write one JSON object per line`,
    };
  }
  if (!isRecord(value)) {
    return {
      kind: 'invalid',
      key: hashKey,
      error: 'expected a JSON object (a request or a recorded response)',
    };
  }
  const row = value;
  const id = row.id;
  const key =
    (typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id))
      ? `id:${String(id).slice(0, MAX_KEY)}`
      : hashKey;
  try {
    if (row.recorded !== undefined) {
      const recorded = row.recorded;
      if (typeof recorded !== 'string' && (typeof recorded !== 'object' || recorded === null)) {
        throw new Error('"recorded" must be the response (an object) or its text (a string)');
      }
      return {
        kind: 'recorded',
        key,
        response: typeof recorded === 'string' ? recorded : JSON.stringify(recorded),
        prompt: promptOf(row, false),
        ...metaOf(row),
      };
    }
    const isRequest =
      (row.prompt !== undefined || row.messages !== undefined) && !RESPONSE_KEYS.some((k) => k in row);
    if (isRequest) {
      const prompt = promptOf(row, true);
      if (prompt === null) throw new Error('give "prompt" (a string) or "messages"');
      return { kind: 'request', key, prompt, params: paramsOf(row), ...metaOf(row) };
    }
    // a recorded response as it is: its own model, no metadata of ours
    return { kind: 'recorded', key, response: line, prompt: null, tags: [] };
  } catch (error) {
    return { kind: 'invalid', key, error: (error as Error).message };
  }
}

function promptOf(row: Record<string, unknown>, required: boolean): RunPrompt | null {
  if (row.messages !== undefined) {
    if (!Array.isArray(row.messages) || row.messages.length === 0)
      throw new Error('"messages" must be a non-empty array');
    const messages = row.messages.map((m: unknown, i) => {
      const message = m as { role?: unknown; content?: unknown } | null;
      if (typeof message !== 'object' || message === null)
        throw new Error(`"messages[${i}]" must be an object`);
      if (!ROLES.includes(message.role as RunRole)) {
        throw new Error(
          `"messages[${i}].role" must be one of ${ROLES.join(', ')}, got ${JSON.stringify(message.role)}`,
        );
      }
      if (typeof message.content !== 'string') throw new Error(`"messages[${i}].content" must be a string`);
      return { role: message.role as RunRole, content: message.content };
    });
    return { kind: 'chat', messages };
  }
  if (row.prompt !== undefined) {
    if (typeof row.prompt !== 'string' || (required && row.prompt === ''))
      throw new Error('"prompt" must be a non-empty string');
    return { kind: 'text', text: row.prompt };
  }
  return null;
}

function metaOf(row: Record<string, unknown>): RowMeta {
  const meta: RowMeta = { tags: [] };
  const text = (name: string): string | undefined => {
    const v = row[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new Error(`"${name}" must be a string`);
    return v;
  };
  const model = text('model');
  if (model !== undefined && model !== '') meta.model = model;
  const version = text('prompt_version');
  if (version !== undefined && version.trim() !== '') meta.promptVersion = version.trim();
  const expected = text('expected');
  if (expected !== undefined) meta.expected = expected;
  const title = text('title');
  if (title !== undefined && title.trim() !== '') meta.title = title;
  if (row.tags !== undefined) {
    if (!Array.isArray(row.tags) || row.tags.some((t) => typeof t !== 'string'))
      throw new Error('"tags" must be an array of strings');
    meta.tags = row.tags as string[];
  }
  return meta;
}

function paramsOf(row: Record<string, unknown>): RunParams {
  const params: RunParams = {};
  const num = (name: string, check: (n: number) => boolean, expect: string): number | undefined => {
    const v = row[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !check(v))
      throw new Error(`"${name}" must be ${expect}, got ${JSON.stringify(v)}`);
    return v;
  };
  const maxTokens = num('max_tokens', (n) => Number.isInteger(n) && n >= 1, 'an integer >= 1');
  if (maxTokens !== undefined) params.maxTokens = maxTokens;
  const temperature = num('temperature', (n) => n >= 0 && n <= 10, 'a number in 0..10');
  if (temperature !== undefined) params.temperature = temperature;
  const topP = num('top_p', (n) => n > 0 && n <= 1, 'a number in (0, 1]');
  if (topP !== undefined) params.topP = topP;
  const topLogprobs = num(
    'top_logprobs',
    (n) => Number.isInteger(n) && n >= 0 && n <= 100,
    'an integer in 0..100',
  );
  if (topLogprobs !== undefined) params.topLogprobs = topLogprobs;
  const seed = num('seed', (n) => Number.isInteger(n), 'an integer');
  if (seed !== undefined) params.seed = seed;
  return params;
}
