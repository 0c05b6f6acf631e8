import { GATE_VERDICTS, type GateVerdict, type RunQuery, type RunSource } from '@tokenscope/core';
import { ApiError } from '../ApiError.js';

const SOURCES: readonly RunSource[] = ['local', 'remote', 'import', 'proxy', 'branch'];

/** The history filters `GET /api/runs` and `GET /api/datasets/summary` share. */
export const RUN_FILTER_KEYS = [
  'search',
  'tag',
  'source',
  'model',
  'dataset',
  'promptVersion',
  'verdict',
  'since',
  'until',
] as const;
const KEYS = new Set<string>([...RUN_FILTER_KEYS, 'limit', 'offset']);

/** The filter part of a `RunQuery` (no paging). */
export type RunFilter = Omit<RunQuery, 'limit' | 'offset'>;

/** Largest `limit` of `GET /api/runs` (the store's own cap). */
export const MAX_RUN_LIMIT = 500;

const quoted = (text: string) => JSON.stringify(text.slice(0, 40));

/** An integer query parameter in `min..max`, else a 400 naming it. */
export function integerParam(name: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw ApiError.invalid(
      name,
      `Invalid '${name}': expected ${max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in ${min}..${max}`}, got ${quoted(text)}`,
    );
  }
  return value;
}

/**
 * Sets one history filter (`key` of `RUN_FILTER_KEYS`, a non-empty value) on `query`: a `source`
 * that is not a run source, a `verdict` other than publish / review, or a `since` / `until` that is
 * not an ISO 8601 date or time is a 400 naming it.
 */
export function setRunFilter(query: RunFilter, key: (typeof RUN_FILTER_KEYS)[number], value: string): void {
  switch (key) {
    case 'source':
      if (!SOURCES.includes(value as RunSource)) {
        throw ApiError.invalid(
          'source',
          `Invalid 'source': expected one of ${SOURCES.join(', ')}, got ${quoted(value)}`,
        );
      }
      query.source = value as RunSource;
      return;
    case 'verdict':
      if (!GATE_VERDICTS.includes(value as GateVerdict)) {
        throw ApiError.invalid(
          'verdict',
          `Invalid 'verdict': expected one of ${GATE_VERDICTS.join(', ')}, got ${quoted(value)}`,
        );
      }
      query.verdict = value as GateVerdict;
      return;
    case 'since':
    case 'until':
      if (Number.isNaN(Date.parse(value))) {
        throw ApiError.invalid(
          key,
          `Invalid '${key}': expected an ISO 8601 date or time (2026-12-01, 2026-12-01T08:00Z), got ${quoted(value)}`,
        );
      }
      query[key] = value;
      return;
    default:
      query[key] = value;
  }
}

/**
 * The `RunQuery` of `GET /api/runs?search=&tag=&source=&model=&dataset=&promptVersion=&verdict=
 * &since=&until=&limit=&offset=`. Empty values are absent; an unknown parameter, a bad filter
 * (`setRunFilter`) or a `limit` / `offset` that is not an integer in range is a 400 naming it.
 */
export function parseRunQuery(params: Record<string, string>): RunQuery {
  const query: RunQuery = {};
  for (const [key, value] of Object.entries(params)) {
    if (!KEYS.has(key)) {
      throw ApiError.invalid(
        key,
        `Unknown query parameter '${key.slice(0, 40)}'; GET /api/runs takes ${[...KEYS].join(', ')}`,
      );
    }
    if (value === '') continue;
    if (key === 'limit') query.limit = integerParam('limit', value, 1, MAX_RUN_LIMIT);
    else if (key === 'offset') query.offset = integerParam('offset', value, 0, Number.MAX_SAFE_INTEGER);
    else setRunFilter(query, key as (typeof RUN_FILTER_KEYS)[number], value);
  }
  return query;
}
