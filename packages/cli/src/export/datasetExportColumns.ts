import type { DatasetExportRow } from '@tokenscope/core';

/**
 * The value kind of an export column, which each format maps to its own type: `strings` is a CSV
 * cell joined with "|", a JSON array and a Parquet list of UTF-8 strings; `integer` is Parquet
 * INT64; `double` is Parquet DOUBLE.
 */
export type DatasetExportKind = 'string' | 'strings' | 'integer' | 'double' | 'boolean';

type Key = keyof DatasetExportRow;

/** The kinds a row field may be exported as (checked by the compiler against `DatasetExportRow`). */
type KindOf<K extends Key> = DatasetExportRow[K] extends string[]
  ? 'strings'
  : NonNullable<DatasetExportRow[K]> extends string
    ? 'string'
    : NonNullable<DatasetExportRow[K]> extends boolean
      ? 'boolean'
      : 'integer' | 'double';

/** One column of a dataset export: the row field, the snake_case name every format uses, the kind. */
export type DatasetExportColumn = {
  [K in Key]: {
    key: K;
    name: string;
    kind: KindOf<K>;
    /** Whether the field may be null (derived from the row type, so the two cannot drift apart). */
    nullable: null extends DatasetExportRow[K] ? true : false;
  };
}[Key];

/** The columns of `tokenscope export`, in file order. One entry per field of `DatasetExportRow`. */
export const DATASET_EXPORT_COLUMNS: readonly DatasetExportColumn[] = [
  { key: 'runId', name: 'run_id', kind: 'string', nullable: false },
  { key: 'dataset', name: 'dataset', kind: 'string', nullable: true },
  { key: 'rowKey', name: 'row_key', kind: 'string', nullable: true },
  { key: 'createdAt', name: 'created_at', kind: 'string', nullable: false },
  { key: 'model', name: 'model', kind: 'string', nullable: false },
  { key: 'promptVersion', name: 'prompt_version', kind: 'string', nullable: true },
  { key: 'tags', name: 'tags', kind: 'strings', nullable: false },
  { key: 'source', name: 'source', kind: 'string', nullable: false },
  { key: 'prompt', name: 'prompt', kind: 'string', nullable: false },
  { key: 'answer', name: 'answer', kind: 'string', nullable: false },
  { key: 'expected', name: 'expected', kind: 'string', nullable: true },
  { key: 'tokens', name: 'tokens', kind: 'integer', nullable: false },
  { key: 'sumLogprob', name: 'sum_logprob', kind: 'double', nullable: true },
  { key: 'meanLogprob', name: 'mean_logprob', kind: 'double', nullable: true },
  { key: 'perplexity', name: 'perplexity', kind: 'double', nullable: true },
  { key: 'minProb', name: 'min_prob', kind: 'double', nullable: true },
  { key: 'flaggedTokens', name: 'flagged_tokens', kind: 'integer', nullable: false },
  { key: 'lowConfidenceSpans', name: 'low_confidence_spans', kind: 'integer', nullable: false },
  { key: 'criticalFacts', name: 'critical_facts', kind: 'integer', nullable: false },
  { key: 'flaggedFacts', name: 'flagged_facts', kind: 'integer', nullable: false },
  { key: 'verdict', name: 'verdict', kind: 'string', nullable: false },
  { key: 'reviewSentences', name: 'review_sentences', kind: 'integer', nullable: false },
  { key: 'approvedSentences', name: 'approved_sentences', kind: 'integer', nullable: false },
  { key: 'rejectedSentences', name: 'rejected_sentences', kind: 'integer', nullable: false },
  { key: 'editedSentences', name: 'edited_sentences', kind: 'integer', nullable: false },
  { key: 'correct', name: 'correct', kind: 'boolean', nullable: true },
  { key: 'agreement', name: 'agreement', kind: 'double', nullable: true },
];
