import { isRecord } from './checkShape.js';

const MAX_KEYS = 8;

/**
 * Describes a JSON value's shape in a few words for error messages, e.g. "an object with keys id,
 * object, choices", "an array of 3 objects with keys token, logprob", or a provider's error message.
 */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return 'an empty array';
    const first = value[0];
    const count = `${value.length} ${value.length === 1 ? 'item' : 'items'}`;
    if (isRecord(first)) return `an array of ${count}, the first an object with keys ${keyList(first)}`;
    return `an array of ${count}, the first ${typeName(first)}`;
  }
  if (isRecord(value)) {
    const error = value.error;
    const message = isRecord(error) ? error.message : typeof error === 'string' ? error : undefined;
    if (typeof message === 'string') return `a provider error: ${JSON.stringify(clip(message, 200))}`;
    const keys = Object.keys(value);
    return keys.length === 0 ? 'an empty object' : `an object with keys ${keyList(value)}`;
  }
  return typeName(value);
}

function keyList(record: Record<string, unknown>): string {
  const keys = Object.keys(record);
  const shown = keys.slice(0, MAX_KEYS).join(', ');
  return keys.length > MAX_KEYS ? `${shown}, ... (${keys.length} keys)` : shown;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string ${JSON.stringify(clip(value, 40))}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} (${String(value)})`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}
