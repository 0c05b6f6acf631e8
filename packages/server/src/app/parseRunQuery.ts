import type { RunQuery, RunSource } from '@tokenscope/core';
import { ApiError } from '../ApiError.js';

const SOURCES: readonly RunSource[] = ['local', 'remote', 'import', 'proxy', 'branch'];
const KEYS = new Set(['search', 'tag', 'source', 'model', 'limit', 'offset']);

/** Largest `limit` of `GET /api/runs` (the store's own cap). */
export const MAX_RUN_LIMIT = 500;

function integer(name: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw ApiError.invalid(
      name,
      `Invalid '${name}': expected ${max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in ${min}..${max}`}, got ${JSON.stringify(text.slice(0, 40))}`,
    );
  }
  return value;
}

/**
 * The `RunQuery` of `GET /api/runs?search=&tag=&source=&model=&limit=&offset=`. Empty values are
 * absent; an unknown parameter, a `source` that is not a run source, or a `limit` / `offset` that is
 * not an integer in range is a 400 naming it.
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
    if (key === 'search' || key === 'tag' || key === 'model') query[key] = value;
    else if (key === 'source') {
      if (!SOURCES.includes(value as RunSource)) {
        throw ApiError.invalid(
          'source',
          `Invalid 'source': expected one of ${SOURCES.join(', ')}, got ${JSON.stringify(value.slice(0, 40))}`,
        );
      }
      query.source = value as RunSource;
    } else if (key === 'limit') query.limit = integer('limit', value, 1, MAX_RUN_LIMIT);
    else query.offset = integer('offset', value, 0, Number.MAX_SAFE_INTEGER);
  }
  return query;
}
