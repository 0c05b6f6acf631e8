import type { FactKind } from '../analysis/Analysis.js';
import type { GateVerdict } from '../gating/gate.js';
import type { RunQuery } from './Run.js';

/**
 * Datasets: many runs over time, grouped and compared (issue "teams and volume"). A run belongs to
 * at most one dataset (`NewRun.dataset`), with an optional prompt version and expected answer. The
 * store aggregates them in the database (`RunStore.datasetSummary`): nothing here needs every run
 * in memory. Types only (pure): the store, the server, the CLI and the browser share them.
 */

/** What the dataset views and reports group runs by. */
export const DATASET_GROUPS = ['none', 'model', 'promptVersion', 'tag', 'day'] as const;
export type DatasetGroupBy = (typeof DATASET_GROUPS)[number];

/** Gate thresholds (mean token logprob, natural log), as core's `gate` takes them. */
export interface GateThresholds {
  publish: number;
  review: number;
}

/** A dataset's stored settings: the gate thresholds chosen for it (by `calibrate --save` or by hand). */
export interface DatasetSettings {
  name: string;
  /** Null: core's defaults (publish -0.5, review -1.5). */
  thresholds: GateThresholds | null;
  /** Where the thresholds came from (one line, e.g. "calibrate: budget 12 %, 240 reviewed answers"). */
  thresholdsNote: string | null;
  /** ISO 8601, when the thresholds were saved; null when never. */
  updatedAt: string | null;
}

/** A dataset as lists show it. */
export interface DatasetListItem {
  name: string;
  runs: number;
  firstAt: string;
  lastAt: string;
}

/** Runs to summarise: any filter of the history (`RunQuery` without paging) and a grouping. */
export interface DatasetQuery extends Omit<RunQuery, 'limit' | 'offset'> {
  groupBy?: DatasetGroupBy;
  /**
   * Thresholds for verdicts, the verdict filter and review counts, applied to every run. Without
   * them each run is judged at its own dataset's saved thresholds, else core's defaults.
   */
  thresholds?: GateThresholds;
  /** Histogram bins of the mean logprob over [histogramMin, 0] (default 20 bins from -4). */
  bins?: number;
  histogramMin?: number;
  /** How many low-confidence critical facts to list (default 10, at most 100). */
  facts?: number;
}

/** One bin of a histogram of answers' mean logprob: [from, to), the last one includes `to`. */
export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

/** A low-confidence critical fact of one run (lowest probability first). */
export interface DatasetFact {
  runId: string;
  kind: FactKind;
  text: string;
  /** Lowest token probability of the fact; null when a token was below the reported top-k. */
  minProb: number | null;
}

/** The confidence figures of a group of runs (or of all of them). */
export interface DatasetGroupStats {
  /** The group's value (model, prompt version, tag, day); `null` for runs without one; `'all'` for no grouping. */
  key: string | null;
  answers: number;
  tokens: number;
  /** Mean over answers of each answer's mean logprob (answers without tokens are left out). */
  meanLogprob: number | null;
  /** Percentiles of the answers' mean logprob (p10, p25, p50, p75, p90); null when no answer has tokens. */
  percentiles: { p10: number; p25: number; p50: number; p75: number; p90: number } | null;
  histogram: HistogramBin[];
  /** Tokens flagged (low confidence, ambiguous or not the top choice) over all tokens. */
  flaggedTokenRate: number;
  /** Share of answers with at least one low-confidence span. */
  flaggedAnswerRate: number;
  /** Answers per gate verdict at `thresholds`. */
  verdicts: Record<GateVerdict, number>;
  /** verdicts.review / answers. */
  reviewRate: number;
  /** Sentences the gate sends to review, in all answers of the group. */
  reviewSentences: number;
  sentences: number;
  /** Critical facts with a low-confidence token, in all answers of the group. */
  lowConfidenceFacts: number;
  /** Human decisions in force: answers with any rejected (or edited) sentence, and with only approvals. */
  reviewed: { answers: number; rejected: number; approved: number };
  firstAt: string | null;
  lastAt: string | null;
}

/** `RunStore.datasetSummary(query)`, `GET /api/datasets/summary`, `tokenscope report --dataset`. */
export interface DatasetSummary {
  /** The filter as applied. */
  query: DatasetQuery & { groupBy: DatasetGroupBy };
  thresholds: GateThresholds;
  /**
   * Where `thresholds` came from: the query, the (one) dataset's saved settings, or core's defaults.
   * Without query thresholds, runs of other datasets with saved thresholds are judged at theirs.
   */
  thresholdsSource: 'query' | 'dataset' | 'default';
  total: DatasetGroupStats;
  /** One per group value, largest first (with `groupBy: 'day'`: oldest day first). */
  groups: DatasetGroupStats[];
  /** The lowest-probability critical facts flagged in these runs. */
  lowConfidenceFacts: DatasetFact[];
  /** Rows a batch recorded as failed for this dataset (none without `dataset`). */
  failedRows: number;
}

/** One row of a dataset export (CSV, JSON lines, Parquet): a run with its scores and reviews. */
export interface DatasetExportRow {
  runId: string;
  dataset: string | null;
  rowKey: string | null;
  createdAt: string;
  model: string;
  promptVersion: string | null;
  tags: string[];
  source: string;
  prompt: string;
  answer: string;
  expected: string | null;
  tokens: number;
  /** Token figures; null for a run made from samples only (no logprobs: its 0 / 1 would read as certainty). */
  sumLogprob: number | null;
  meanLogprob: number | null;
  perplexity: number | null;
  minProb: number | null;
  flaggedTokens: number;
  lowConfidenceSpans: number;
  criticalFacts: number;
  flaggedFacts: number;
  verdict: GateVerdict;
  reviewSentences: number;
  /** Latest human decisions per sentence: counts, and the answer's label (null when none). */
  approvedSentences: number;
  rejectedSentences: number;
  editedSentences: number;
  /** false when any sentence was rejected or edited, true when all decided sentences were approved. */
  correct: boolean | null;
  /** Sampling agreement of the answer (`RunSummary.agreement`), 0..1; null when the run has no consistency result. */
  agreement: number | null;
}

/** A batch row's state in the store (`RunStore.claimRow` and friends). */
export type BatchRowStatus = 'claimed' | 'done' | 'failed';

/** Progress of a dataset's batch rows. */
export interface BatchProgress {
  dataset: string;
  done: number;
  failed: number;
  /** Claimed by a worker and not finished (in progress, or left by a worker that died). */
  claimed: number;
}

/** A failed batch row, as stored. */
export interface BatchRowFailure {
  rowKey: string;
  error: string;
  attempts: number;
  updatedAt: string;
}
