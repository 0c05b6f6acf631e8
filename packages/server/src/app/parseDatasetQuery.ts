import {
  DATASET_GROUPS,
  type DatasetGroupBy,
  type DatasetQuery,
  resolveGateThresholds,
} from '@tokenscope/core';
import { ApiError } from '../ApiError.js';
import { integerParam, RUN_FILTER_KEYS, setRunFilter } from './parseRunQuery.js';

const FILTERS = new Set<string>(RUN_FILTER_KEYS);
const KEYS = new Set<string>([...RUN_FILTER_KEYS, 'groupBy', 'publish', 'review', 'bins', 'facts']);

/** Most histogram bins and listed facts (the store's own caps). */
export const MAX_SUMMARY_BINS = 200;
export const MAX_SUMMARY_FACTS = 100;

function meanLogprob(name: string, text: string): number {
  const value = /^\s*-?(\d+\.?\d*|\.\d+)\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value) || value > 0) {
    throw ApiError.invalid(
      name,
      `Invalid '${name}': expected a mean logprob <= 0 such as ${name === 'publish' ? '-0.5' : '-1.5'}, got ${JSON.stringify(text.slice(0, 40))}`,
    );
  }
  return value;
}

/**
 * The `DatasetQuery` of `GET /api/datasets/summary?dataset=&groupBy=&model=&promptVersion=&tag=
 * &verdict=&since=&until=&search=&source=&publish=&review=&bins=&facts=`. Empty values are absent.
 * A 400 names the parameter at fault: an unknown one, a bad filter (as `GET /api/runs`), a `groupBy`
 * that is not a grouping, `bins` / `facts` out of range, or thresholds that core's `gate` refuses
 * (`publish` and `review` come together; publish above review).
 */
export function parseDatasetQuery(params: Record<string, string>): DatasetQuery {
  const query: DatasetQuery = {};
  let publish: number | undefined;
  let review: number | undefined;
  for (const [key, value] of Object.entries(params)) {
    if (!KEYS.has(key)) {
      throw ApiError.invalid(
        key,
        `Unknown query parameter '${key.slice(0, 40)}'; GET /api/datasets/summary takes ${[...KEYS].join(', ')}`,
      );
    }
    if (value === '') continue;
    if (FILTERS.has(key)) setRunFilter(query, key as (typeof RUN_FILTER_KEYS)[number], value);
    else if (key === 'groupBy') {
      if (!DATASET_GROUPS.includes(value as DatasetGroupBy)) {
        throw ApiError.invalid(
          'groupBy',
          `Invalid 'groupBy': expected one of ${DATASET_GROUPS.join(', ')}, got ${JSON.stringify(value.slice(0, 40))}`,
        );
      }
      query.groupBy = value as DatasetGroupBy;
    } else if (key === 'bins') query.bins = integerParam('bins', value, 1, MAX_SUMMARY_BINS);
    else if (key === 'facts') query.facts = integerParam('facts', value, 0, MAX_SUMMARY_FACTS);
    else if (key === 'publish') publish = meanLogprob('publish', value);
    else review = meanLogprob('review', value);
  }
  if ((publish === undefined) !== (review === undefined)) {
    const missing = publish === undefined ? 'publish' : 'review';
    throw ApiError.invalid(
      missing,
      `Missing '${missing}': give both gate thresholds (publish and review), or neither to use the dataset's saved ones`,
    );
  }
  if (publish !== undefined && review !== undefined) {
    if (!(publish > review)) {
      throw ApiError.invalid(
        'review',
        `Invalid 'review': the publish threshold (${publish}) must be above the review threshold (${review}); e.g. publish -0.5, review -1.5`,
      );
    }
    query.thresholds = resolveGateThresholds({ publish, review });
  }
  return query;
}
