import { describe, expect, it } from 'vitest';
import { isRetryableStatus, MAX_RETRY_AFTER_MS, retryAfterMs, retryDelay } from './retryDelay.js';

describe('retryDelay', () => {
  it('backs off from 0.5 s to 8 s with at most 25 % jitter', () => {
    expect(retryDelay(0, undefined, () => 0)).toBe(500);
    expect(retryDelay(1, undefined, () => 0)).toBe(1000);
    expect(retryDelay(10, undefined, () => 0)).toBe(8000);
    expect(retryDelay(0, undefined, () => 1)).toBe(375);
  });

  it('honours retry-after, capped', () => {
    expect(retryDelay(0, 1200)).toBe(1200);
    expect(retryDelay(0, 3_600_000)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('reads retry-after-ms, seconds and HTTP dates', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });

  it('retries 408, 409, 429 and 5xx only', () => {
    expect([400, 401, 403, 404, 408, 409, 422, 429, 500, 503].filter(isRetryableStatus)).toEqual([
      408, 409, 429, 500, 503,
    ]);
  });
});
