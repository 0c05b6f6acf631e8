/** Rows of the `runs` table and their conversion to core's run types. */
import type { RunListItem, RunRecord, RunSource, RunSummary } from '@tokenscope/core';
import { fromJson } from './json.js';

/** The columns lists read (no response body). */
export interface ListRow {
  id: string;
  created_at: string;
  updated_at: string;
  title: string;
  source: string;
  model: string;
  endpoint: string | null;
  branch_parent_id: string | null;
  branch_position: number | null;
  /** Text of the alternative a branch chose (from the `branch` JSON). */
  branch_token: string | null;
  summary: string;
  prompt_preview: string;
  answer_preview: string;
  /** JSON array of tags, in the user's order. */
  tags: string;
}

/** Every column `get` reads. */
export interface RecordRow extends ListRow {
  provider: string | null;
  prompt: string | null;
  params: string;
  response: string;
  prompt_text: string | null;
  prompt_token_ids: string | null;
  branch: string | null;
  file_name: string | null;
  generation_constraint: string | null;
}

/** SQL for the `tags` column of a row of `runs AS r`. */
export const TAGS_COLUMN =
  "(SELECT coalesce(json_group_array(t.tag ORDER BY t.position), '[]') FROM run_tags AS t WHERE t.run_id = r.id) AS tags";

export const LIST_COLUMNS = `r.id, r.created_at, r.updated_at, r.title, r.source, r.model, r.endpoint,
  r.branch_parent_id, r.branch_position, json_extract(r.branch, '$.token.text') AS branch_token, r.summary,
  r.prompt_preview, r.answer_preview, ${TAGS_COLUMN}`;

export const RECORD_COLUMNS = `${LIST_COLUMNS}, r.provider, r.prompt, r.params, r.response, r.prompt_text,
  r.prompt_token_ids, r.branch, r.file_name, r.generation_constraint`;

export function toListItem(row: ListRow): RunListItem {
  const item: RunListItem = {
    id: row.id,
    title: row.title,
    tags: JSON.parse(row.tags) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    source: row.source as RunSource,
    model: row.model,
    summary: fromJson<RunSummary>(row.summary),
    promptPreview: row.prompt_preview,
    answerPreview: row.answer_preview,
  };
  if (row.endpoint !== null) item.endpoint = row.endpoint;
  if (row.branch_parent_id !== null && row.branch_position !== null) {
    item.branch = { parentId: row.branch_parent_id, position: row.branch_position };
    if (row.branch_token !== null) item.branch.token = row.branch_token;
  }
  return item;
}

export function toRecord(row: RecordRow): RunRecord {
  const record: RunRecord = {
    id: row.id,
    title: row.title,
    tags: JSON.parse(row.tags) as string[],
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
  return record;
}
