/**
 * The WHERE clause of a history filter over `runs AS r` (with `datasets AS d` joined for verdicts):
 * source, model, tag, dataset, prompt version, verdict (at the dataset's saved thresholds, else
 * core's), time range and full-text search. Shared by `list`, `datasetSummary` and `exportRows`.
 */
import type { SqlDriver, SqlValue } from '../driver/SqlDriver.js';
import type { NormalizedQuery } from '../validate/normalizeQuery.js';
import { DEFAULT_VERDICT, thresholdLiterals, verdictSql } from './rows.js';
import { searchCondition } from './search.js';

export interface SqlFilter {
  /** `WHERE ...` or ''. */
  sql: string;
  params: SqlValue[];
}

export function runFilter(
  dialect: SqlDriver['dialect'],
  q: Omit<NormalizedQuery, 'limit' | 'offset'>,
  /** Judge `verdict` at these (checked) thresholds instead of each run's own. */
  thresholds?: { publish: number; review: number },
): SqlFilter {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (sql: string, value: SqlValue) => {
    where.push(sql);
    params.push(value);
  };
  if (q.source !== undefined) add('r.source = ?', q.source);
  if (q.model !== undefined) add('r.model = ?', q.model);
  if (q.tag !== undefined)
    add('EXISTS (SELECT 1 FROM run_tags AS t WHERE t.run_id = r.id AND t.tag = ?)', q.tag);
  if (q.dataset !== undefined) add('r.dataset = ?', q.dataset);
  if (q.promptVersion !== undefined) add('r.prompt_version = ?', q.promptVersion);
  if (q.verdict !== undefined) {
    const t = thresholds === undefined ? undefined : thresholdLiterals(thresholds);
    add(`${t === undefined ? DEFAULT_VERDICT : verdictSql(t.publish, t.review)} = ?`, q.verdict);
  }
  if (q.since !== undefined) add('r.created_at >= ?', q.since);
  if (q.until !== undefined) add('r.created_at < ?', q.until);
  if (q.search !== undefined) {
    const search = searchCondition(dialect, q.search);
    if (search !== null) add(search.sql, search.param);
  }
  return { sql: where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`, params };
}
