import type { SerializedError } from './protocol.js';

const OWN_FIELDS = new Set(['name', 'message', 'code', 'stack', 'cause']);

function isCloneable(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
      return true;
    case 'object':
      return Array.isArray(value) && value.every(isCloneable);
    default:
      return false;
  }
}

/** Turns anything thrown in the child into plain data that crosses the IPC channel. */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const serialized: SerializedError = { name: error.name, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') serialized.code = code;
  if (error.stack !== undefined) serialized.stack = error.stack;
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (!OWN_FIELDS.has(key) && isCloneable(value)) props[key] = value;
  }
  if (Object.keys(props).length > 0) serialized.props = props;
  return serialized;
}
