import { type GenericSchema, type InferOutput, safeParse } from 'valibot';
import { InvalidValueError } from '../errors/InvalidValueError.js';
import { describeIssue } from './describeIssue.js';

/**
 * Checks `value` against a valibot schema (built from ./schemas.ts) and returns the parsed value. The
 * first mismatch becomes an `InvalidValueError` naming its path, e.g. `details.tokens[3].text`, under
 * `root`; the check stops there.
 */
export function checkShape<S extends GenericSchema>(schema: S, value: unknown, root: string): InferOutput<S> {
  const result = safeParse(schema, value, { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = joinPath(root, issue.path?.map((item) => item.key as PropertyKey) ?? []);
  throw new InvalidValueError(path, describeIssue(issue));
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
