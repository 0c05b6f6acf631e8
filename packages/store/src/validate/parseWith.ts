/**
 * Runs a zod schema and turns its first issue into an `InvalidRunError` naming the field (or the
 * error `toError` makes of the field and the detail).
 */
import type { z } from 'zod';
import { InvalidRunError } from '../errors/InvalidRunError.js';

export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  root: string,
  toError: (field: string, detail: string) => Error = (field, detail) => new InvalidRunError(field, detail),
): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw toError(fieldPath(root, issue.path), describeIssue(issue));
}

/** `response.completions[0].tokens[3].logprob` from `['response', 'completions', 0, ...]`. */
export function fieldPath(root: string, path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path)
    out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out === '' ? root : out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // zod's own wording, without its "Invalid input: " style prefix
  let text = issue.message.replace(/^(Invalid input|Invalid option|Too small|Too big|Invalid string): /, '');
  if (issue.input === undefined && !('received' in issue)) {
    text = text.replace(/, received undefined$/, '');
    return `${text}, but it is missing`;
  }
  if (issue.code !== 'invalid_type' && issue.input !== undefined) text += `, got ${show(issue.input)}`;
  return text;
}

function show(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) return String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
