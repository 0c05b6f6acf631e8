import { isRecord, MAX_JSON_DEPTH, nestingDepth } from '@tokenscope/core';
import { withoutCredentials } from '@tokenscope/providers';
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './ApiError.js';

/** `messages[0].content` from zod's `['messages', 0, 'content']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** The first zod issue as OpenAI's 400, naming the parameter (OpenAI's message for unknown fields). */
export function issueToApiError(error: z.ZodError, input: unknown): ApiError {
  const issue = error.issues[0];
  if (!issue) return ApiError.invalid(null, 'invalid request body');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const param = formatPath([...issue.path, key]);
    return ApiError.invalid(
      param,
      `Unrecognized request argument supplied: ${param} (see docs/server.md for the supported fields)`,
    );
  }
  const param = formatPath(issue.path);
  const got = withoutCredentials(describe(valueAt(input, issue.path))); // a URL's user:key@ or ?key=
  const message = issue.message.replace(/^Invalid input: /, '');
  return ApiError.invalid(param || null, `Invalid '${param || 'body'}': ${message} (got ${got})`);
}

/**
 * Reads the request body as JSON and validates it with `schema`: 400 for malformed JSON, a body that
 * nests deeper than `MAX_JSON_DEPTH` (what walks it later, e.g. a JSON schema's checks, must not
 * exhaust the stack), a body that is not an object, and every schema issue (the first one is
 * reported, with its parameter).
 */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await c.req.text();
  const depth = nestingDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw ApiError.invalid(
      null,
      `the request body nests ${depth} levels deep; the limit is ${MAX_JSON_DEPTH} levels: send a flatter JSON object`,
      'nesting_too_deep',
    );
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw ApiError.invalid(
      null,
      `We could not parse the JSON body of your request: ${detail}; send a JSON object (Content-Type: application/json)`,
    );
  }
  if (!isRecord(input)) {
    throw ApiError.invalid(null, `expected the request body to be a JSON object, got ${describe(input)}`);
  }
  const result = schema.safeParse(input);
  if (!result.success) throw issueToApiError(result.error, input);
  return result.data;
}
