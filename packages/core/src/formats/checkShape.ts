import type { z } from 'zod';
import { InvalidValueError } from '../errors/InvalidValueError.js';

/**
 * Checks `value` against a zod schema and returns the parsed value. A mismatch becomes an
 * `InvalidValueError` naming the first bad path, e.g. `details.tokens[3].text`, under `root`.
 */
export function checkShape<T>(schema: z.ZodType<T>, value: unknown, root: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = joinPath(root, issue?.path ?? []);
  throw new InvalidValueError(path, issue?.message.replace(/^Invalid input: /, '') ?? 'unexpected shape');
}

/**
 * Joins a root path and keys the way JavaScript writes them: `a.b[0].c`. A root ending in a space
 * (`(chunk 3) `) is a prefix, not an object.
 */
export function joinPath(root: string, keys: readonly PropertyKey[]): string {
  let path = root;
  for (const key of keys) {
    if (typeof key === 'number') path += `[${key}]`;
    else path += path === '' || path.endsWith(' ') ? String(key) : `.${String(key)}`;
  }
  return path.trim() === '' ? '$' : path.trim();
}

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
