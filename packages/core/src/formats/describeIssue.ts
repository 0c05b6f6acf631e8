import type { BaseIssue } from 'valibot';

/** What the schemas expect, by valibot's schema type. */
const EXPECTED: Record<string, string> = { loose_object: 'object' };

/**
 * One valibot issue as a short phrase of what was expected and what came, worded as zod worded it
 * (the messages users and tests know): `expected string, received number`, `expected int, received
 * number`, `Too small: expected number to be >=0`, `Invalid input` (a value that fits no option).
 */
export function describeIssue(issue: BaseIssue<unknown>): string {
  const { input } = issue;
  if (issue.kind === 'validation') {
    if (typeof input === 'number' && !Number.isFinite(input)) return `expected number, received ${input}`;
    if (issue.type === 'safe_integer') {
      if (!Number.isInteger(input)) return 'expected int, received number';
      return (input as number) > 0
        ? `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}`
        : `Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}`;
    }
    if (issue.type === 'min_value') return `Too small: expected number to be >=${String(issue.requirement)}`;
    return issue.message;
  }
  // custom schemas (schemas.ts) and keys (a looseObject's message) carry their own wording
  if (issue.type === 'custom' || issue.path?.[issue.path.length - 1]?.origin === 'key') return issue.message;
  const expected = EXPECTED[issue.type] ?? issue.expected?.toLowerCase() ?? issue.type;
  return `expected ${expected}, received ${typeName(input)}`;
}

/** A value's type as zod names it: `number`, `NaN`, `Infinity`, `null`, `array`, `object`, `Map`... */
export function typeName(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : String(value);
  if (typeof value !== 'object') return typeof value;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const proto: unknown = Object.getPrototypeOf(value);
  const ctor = (value as { constructor?: unknown }).constructor;
  return proto !== Object.prototype && typeof ctor === 'function' && ctor.name !== '' ? ctor.name : 'object';
}
