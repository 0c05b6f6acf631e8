/**
 * Errors across the worker-thread boundary, worker side: what was thrown as plain data (its class
 * name, message, stack and own plain fields), rebuilt on the other side by `fromErrorData`. Imports
 * nothing, so a worker loads no more than its task needs.
 */

/** What crosses the boundary for an error. */
export interface ErrorData {
  name: string;
  message: string;
  stack?: string;
  /** The error's own fields that are plain values (code, status, type, param, field, line, ...). */
  fields: Record<string, unknown>;
}

function isPlainValue(value: unknown): boolean {
  if (value === null) return true;
  const kind = typeof value;
  if (kind === 'string' || kind === 'number' || kind === 'boolean') return true;
  return Array.isArray(value) && value.every(isPlainValue);
}

/** Plain data for anything thrown. */
export function toErrorData(error: unknown): ErrorData {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (key !== 'name' && key !== 'message' && key !== 'stack' && isPlainValue(value)) fields[key] = value;
  }
  const data: ErrorData = { name: error.name, message: error.message, fields };
  if (error.stack !== undefined) data.stack = error.stack;
  return data;
}
