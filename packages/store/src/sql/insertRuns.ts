/**
 * Inserts prepared runs (with their tags, search entries and aggregated figures) in a few
 * multi-row statements, whatever their number: a batch's group of 32 rows costs about six round
 * trips to PostgreSQL instead of seven per run. Runs inside the caller's write transaction.
 */
import { createRunId } from '../createRunId.js';
import type { SqlDriver, SqlExecutor, SqlValue } from '../driver/SqlDriver.js';
import type { EncodedRun, StoredRun } from '../encodeRun.js';
import { figureColumns, figureRows } from './figureRows.js';
import { insertRows } from './insertRows.js';
import { toJson } from './json.js';
import { searchRows } from './search.js';

const RUN_COLUMNS = `id, created_at, updated_at, title, source, model, endpoint, provider, prompt, params, response,
  prompt_text, prompt_token_ids, branch_parent_id, branch_position, branch_root_id, branch, file_name,
  generation_constraint, summary, prompt_preview, answer_preview, answer_text, dataset, prompt_version, expected,
  row_key, derived, tokens, mean_logprob, mean_bucket, flagged_tokens, low_spans, sentences, gate_min_mean,
  gate_min_fact_mean, consistency, consistency_verdict`;
const RUN_WIDTH = RUN_COLUMNS.split(',').length;

/**
 * A run to insert: an `EncodedRun`, or a whole `PreparedRun` (then the records returned carry its
 * `response` object too, in the run's own key order).
 */
export interface RunToInsert {
  prepared: EncodedRun;
  rowKey: string | null;
}

export async function insertRuns(
  tx: SqlExecutor,
  dialect: SqlDriver['dialect'],
  items: readonly RunToInsert[],
): Promise<StoredRun[]> {
  if (items.length === 0) return [];
  const ids = items.map(() => createRunId());
  const rows: SqlValue[][] = [];
  for (const [i, { prepared, rowKey }] of items.entries()) {
    const { run, summary } = prepared;
    const { id, time } = ids[i]!;
    const at = new Date(time).toISOString();
    const rootId = run.branch === undefined ? null : await rootOf(tx, run.branch.parentId);
    rows.push([
      id,
      at,
      at,
      run.title,
      run.source,
      run.model,
      run.endpoint ?? null,
      run.provider ?? null,
      run.prompt === null ? null : toJson(run.prompt),
      toJson(run.params),
      prepared.responseJson,
      run.promptText ?? null,
      run.promptTokenIds === undefined ? null : toJson(run.promptTokenIds),
      run.branch?.parentId ?? null,
      run.branch?.position ?? null,
      rootId,
      run.branch === undefined ? null : toJson(run.branch),
      run.fileName ?? null,
      run.constraint === undefined ? null : toJson(run.constraint),
      toJson(summary),
      prepared.promptPreview,
      prepared.answerPreview,
      prepared.answerText,
      run.dataset ?? null,
      run.promptVersion ?? null,
      run.expected ?? null,
      rowKey,
      1,
      ...figureColumns(prepared.figures),
      run.consistency === undefined ? null : toJson(run.consistency),
      prepared.consistencyVerdict ?? null,
    ]);
  }
  const inserted = await insertRows<{ id: string; seq: number }>(
    tx,
    `runs (${RUN_COLUMNS})`,
    RUN_WIDTH,
    rows,
    'id, seq',
  );
  const seqOf = new Map(inserted.map((r) => [r.id, Number(r.seq)]));
  await insertRows(
    tx,
    'run_tags (run_id, tag, position)',
    3,
    items.flatMap(({ prepared }, i) => prepared.run.tags.map((tag, p) => [ids[i]!.id, tag, p])),
  );
  const search = searchRows(
    dialect,
    items.map(({ prepared }, i) => ({
      seq: seqOf.get(ids[i]!.id)!,
      title: prepared.run.title,
      prompt: prepared.promptSearch,
      answer: prepared.answerText,
      model: prepared.run.model,
      tags: prepared.run.tags,
    })),
  );
  await insertRows(tx, search.table, search.width, search.rows, undefined, search.values);
  const figures = items.map(({ prepared }, i) => figureRows(ids[i]!.id, prepared.figures));
  await insertRows(
    tx,
    'run_sentences (run_id, idx, mean_logprob, low_fact)',
    4,
    figures.flatMap((f) => f.sentences),
  );
  await insertRows(
    tx,
    'run_facts (run_id, idx, kind, text, min_prob)',
    5,
    figures.flatMap((f) => f.facts),
  );
  return items.map(({ prepared }, i) => {
    const { title, tags, ...rest } = prepared.run;
    const at = new Date(ids[i]!.time).toISOString();
    return withoutUndefined({
      ...rest,
      id: ids[i]!.id,
      title,
      tags,
      createdAt: at,
      updatedAt: at,
      summary: prepared.summary,
    });
  });
}

/** The root of the tree a new branch of `parentId` joins (the parent's root; the id itself when gone). */
async function rootOf(tx: SqlExecutor, parentId: string): Promise<string> {
  const parent = await tx.get<{ root: string }>(
    'SELECT coalesce(branch_root_id, id) AS root FROM runs WHERE id = ?',
    [parentId],
  );
  return parent?.root ?? parentId;
}

/** Drops keys whose value is undefined (`exactOptionalPropertyTypes`: absent, not undefined). */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
