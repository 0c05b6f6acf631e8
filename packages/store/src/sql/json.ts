import { isRecord } from '@tokenscope/core';

/**
 * JSON for the store's columns. Plain JSON turns `-Infinity` into `null`, and a provider's raw value
 * (`Token.raw`) may be `-Infinity`, so non-finite numbers are written as `{"$nonFinite": "-Infinity"}`
 * and read back as numbers. Values without one take plain `JSON.stringify` / `JSON.parse` (the
 * replacer and reviver cost about 2x on a large response).
 */
const MARK = '$nonFinite';

export function toJson(value: unknown): string {
  if (!hasNonFinite(value)) return JSON.stringify(value);
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? { [MARK]: String(v) } : v,
  );
}

export function fromJson<T>(text: string): T {
  if (!text.includes(MARK)) return JSON.parse(text) as T;
  return JSON.parse(text, (_key, v: unknown) => {
    if (isRecord(v)) {
      const mark = v[MARK];
      if (typeof mark === 'string' && Object.keys(v).length === 1) return Number(mark);
    }
    return v;
  }) as T;
}

function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const item of value) if (hasNonFinite(item)) return true;
    return false;
  }
  for (const key in value) if (hasNonFinite((value as Record<string, unknown>)[key])) return true;
  return false;
}
