import type { RawValue } from '../model/Token.js';

/** Values at or below this are provider sentinels (OpenAI/vLLM `-9999.0`, SGLang `-3.4e38`). */
export const SENTINEL_FLOOR = -9999;

/** Logprobs above 0 by at most this much are float noise and clamp to 0. */
const POSITIVE_TOLERANCE = 1e-6;

/** Result of normalising one provider value. `raw` is present only when it differs from `logprob`. */
export interface NormalizedLogprob {
  logprob: number | null;
  raw?: RawValue;
}

/**
 * Normalises a logprob as a provider sent it. Sentinels (`null`, `-inf` in any spelling, `-9999`,
 * `-3.4e38`) become `null` with the raw value kept. Returns an error message instead of a value for
 * input that is not a logprob (NaN, a positive number, a non-number); the caller names the path.
 */
export function normalizeLogprob(value: unknown): NormalizedLogprob | string {
  if (value === null || value === undefined) return { logprob: null, raw: null };
  if (typeof value === 'string') {
    const s = value.trim().toLowerCase();
    if (s === '-inf' || s === '-infinity') return { logprob: null, raw: value };
    if (s === 'nan' || s === 'inf' || s === 'infinity' || s === '+inf')
      return `expected a logprob, got "${value}"`;
    const n = Number(s);
    if (s === '' || Number.isNaN(n)) return `expected a number, got the string "${value}"`;
    const inner = normalizeLogprob(n);
    return typeof inner === 'string' ? inner : { logprob: inner.logprob, raw: value };
  }
  if (typeof value !== 'number') return `expected a number, got ${describe(value)}`;
  if (Number.isNaN(value)) return 'expected a logprob, got NaN';
  if (value === Number.NEGATIVE_INFINITY || value <= SENTINEL_FLOOR) return { logprob: null, raw: value };
  if (value > POSITIVE_TOLERANCE) return `a logprob cannot be positive, got ${value}`;
  if (value > 0) return { logprob: 0, raw: value };
  return { logprob: value };
}

/**
 * Converts a probability in 0..1 (llama.cpp `post_sampling_probs`, `prob` fields) to a logprob.
 * A probability of 0 (the sampler excluded the token) becomes `null` with the raw value kept.
 */
export function probabilityToLogprob(value: unknown): NormalizedLogprob | string {
  if (typeof value !== 'number') return `expected a probability, got ${describe(value)}`;
  if (Number.isNaN(value)) return 'expected a probability, got NaN';
  if (value < 0 || value > 1 + POSITIVE_TOLERANCE) return `a probability must be within 0..1, got ${value}`;
  if (value === 0) return { logprob: null, raw: value };
  return { logprob: Math.min(0, Math.log(value)), raw: value };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
