/** Rows of the `runs` table and their conversion to core's run types (both backends). */
import {
  DEFAULT_GATE_THRESHOLDS,
  type GateVerdict,
  type RunBranch,
  type RunListItem,
  type RunRecord,
  type RunSource,
  type RunSummary,
} from '@tokenscope/core';
import type { SqlExecutor } from '../driver/SqlDriver.js';
import { fromJson } from './json.js';

/** The columns lists read (no response body). */
export interface ListRow {
  seq: number;
  id: string;
  created_at: string;
  updated_at: string;
  title: string;
  source: string;
  model: string;
  endpoint: string | null;
  branch_parent_id: string | null;
  branch_position: number | null;
  branch: string | null;
  summary: string;
  prompt_preview: string;
  answer_preview: string;
  dataset: string | null;
  prompt_version: string | null;
  verdict: GateVerdict;
}

/** Every column `get` reads. */
export interface RecordRow extends ListRow {
  provider: string | null;
  prompt: string | null;
  params: string;
  response: string;
  prompt_text: string | null;
  prompt_token_ids: string | null;
  file_name: string | null;
  generation_constraint: string | null;
  expected: string | null;
  consistency: string | null;
}

/** The default gate thresholds of a run: its dataset's saved ones, else core's. */
export const THRESHOLD_JOIN = 'LEFT JOIN datasets AS d ON d.name = r.dataset';

/**
 * SQL for the verdict of `runs AS r` at thresholds given as SQL expressions. A run made from samples
 * only (migration 006) has its consistency gate's verdict instead: its tokens are empty.
 */
export function verdictSql(publish: string, review: string): string {
  return `CASE WHEN r.consistency_verdict IS NOT NULL THEN r.consistency_verdict WHEN r.gate_min_mean < ${review} OR r.gate_min_fact_mean <= ${publish} THEN 'review' ELSE 'publish' END`;
}

/** A run's own gate thresholds as SQL: its dataset's saved ones, else core's defaults. */
export const SAVED_THRESHOLDS = {
  publish: `coalesce(d.publish, ${DEFAULT_GATE_THRESHOLDS.publish})`,
  review: `coalesce(d.review, ${DEFAULT_GATE_THRESHOLDS.review})`,
};

export const DEFAULT_VERDICT = verdictSql(SAVED_THRESHOLDS.publish, SAVED_THRESHOLDS.review);

/**
 * SQL: the sentence `run_sentences AS s` needs review at these thresholds (SQL expressions), as
 * core's gate decides it: below `review`, or at or below `publish` with a low-confidence fact.
 */
export function sentenceReviewSql(publish: string, review: string): string {
  return `(s.mean_logprob < ${review} OR (s.low_fact = 1 AND s.mean_logprob <= ${publish}))`;
}

/** Thresholds checked by `checkThresholds` (finite numbers) as SQL literals. */
export function thresholdLiterals(thresholds: { publish: number; review: number }): {
  publish: string;
  review: string;
} {
  return { publish: String(thresholds.publish), review: String(thresholds.review) };
}

export const LIST_COLUMNS = `r.seq, r.id, r.created_at, r.updated_at, r.title, r.source, r.model, r.endpoint,
  r.branch_parent_id, r.branch_position, r.branch, r.summary, r.prompt_preview, r.answer_preview,
  r.dataset, r.prompt_version, ${DEFAULT_VERDICT} AS verdict`;

export const RECORD_COLUMNS = `${LIST_COLUMNS}, r.provider, r.prompt, r.params, r.response, r.prompt_text,
  r.prompt_token_ids, r.file_name, r.generation_constraint, r.expected, r.consistency`;

/** The tags of each run, in the user's order (one query for a whole page). */
export async function tagsOf(db: SqlExecutor, ids: readonly string[]): Promise<Map<string, string[]>> {
  const tags = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db.all<{ run_id: string; tag: string }>(
      `SELECT run_id, tag FROM run_tags WHERE run_id IN (${chunk.map(() => '?').join(', ')}) ORDER BY run_id, position`,
      chunk,
    );
    for (const row of rows) tags.get(row.run_id)?.push(row.tag);
  }
  return tags;
}

export function toListItem(row: ListRow, tags: string[]): RunListItem {
  const item: RunListItem = {
    id: row.id,
    title: row.title,
    tags,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    source: row.source as RunSource,
    model: row.model,
    summary: fromJson<RunSummary>(row.summary),
    promptPreview: row.prompt_preview,
    answerPreview: row.answer_preview,
    verdict: row.verdict,
  };
  if (row.endpoint !== null) item.endpoint = row.endpoint;
  if (row.branch_parent_id !== null && row.branch_position !== null) {
    item.branch = { parentId: row.branch_parent_id, position: row.branch_position };
    const token = row.branch === null ? undefined : fromJson<RunBranch>(row.branch).token?.text;
    if (token !== undefined) item.branch.token = token;
  }
  if (row.dataset !== null) item.dataset = row.dataset;
  if (row.prompt_version !== null) item.promptVersion = row.prompt_version;
  return item;
}

export function toRecord(row: RecordRow, tags: string[]): RunRecord {
  const record: RunRecord = {
    id: row.id,
    title: row.title,
    tags,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    source: row.source as RunSource,
    model: row.model,
    prompt: row.prompt === null ? null : fromJson(row.prompt),
    params: fromJson(row.params),
    response: fromJson(row.response),
    summary: fromJson(row.summary),
  };
  if (row.endpoint !== null) record.endpoint = row.endpoint;
  if (row.provider !== null) record.provider = row.provider;
  if (row.prompt_text !== null) record.promptText = row.prompt_text;
  if (row.prompt_token_ids !== null) record.promptTokenIds = fromJson(row.prompt_token_ids);
  if (row.branch !== null) record.branch = fromJson(row.branch);
  if (row.file_name !== null) record.fileName = row.file_name;
  if (row.generation_constraint !== null) record.constraint = fromJson(row.generation_constraint);
  if (row.dataset !== null) record.dataset = row.dataset;
  if (row.prompt_version !== null) record.promptVersion = row.prompt_version;
  if (row.expected !== null) record.expected = row.expected;
  if (row.consistency !== null) record.consistency = fromJson(row.consistency);
  return record;
}
