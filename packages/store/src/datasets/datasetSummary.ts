/**
 * `RunStore.datasetSummary`: the confidence of many runs, aggregated by the database. Every figure
 * comes from a GROUP BY over the per-run columns of migration 005 (and `run_sentences`, `run_facts`,
 * `reviews`); no response is read, so the cost grows with the number of groups, not of tokens.
 * Percentiles come from 0.01-nat buckets of each answer's mean logprob (exact to 0.01).
 */
import {
  DATASET_GROUPS,
  type DatasetFact,
  type DatasetGroupBy,
  type DatasetGroupStats,
  type DatasetQuery,
  type DatasetSummary,
  DEFAULT_GATE_THRESHOLDS,
  type GateThresholds,
  InvalidOptionError,
} from '@tokenscope/core';
import type { SqlDriver, SqlExecutor, SqlValue } from '../driver/SqlDriver.js';
import { BUCKETS_PER_NAT } from '../sql/figureRows.js';
import {
  SAVED_THRESHOLDS,
  sentenceReviewSql,
  THRESHOLD_JOIN,
  thresholdLiterals,
  verdictSql,
} from '../sql/rows.js';
import { runFilter } from '../sql/runFilter.js';
import { normalizeQuery } from '../validate/normalizeQuery.js';
import { checkThresholds, readSettings } from './datasetSettings.js';
import { percentilesOf } from './percentilesOf.js';

const GROUP_SQL: Record<DatasetGroupBy, string> = {
  none: "'all'",
  model: 'r.model',
  promptVersion: 'r.prompt_version',
  tag: 'tg.tag',
  day: 'substr(r.created_at, 1, 10)',
};

interface StatsRow {
  k: string | null;
  answers: number;
  tokens: number | null;
  mean: number | null;
  flagged: number | null;
  flagged_answers: number | null;
  review: number | null;
  sentences: number | null;
  first_at: string | null;
  last_at: string | null;
  lowest: number | null;
  highest: number | null;
}

export async function datasetSummary(db: SqlDriver, query: DatasetQuery = {}): Promise<DatasetSummary> {
  const groupBy = query.groupBy ?? 'none';
  if (!DATASET_GROUPS.includes(groupBy)) {
    throw new InvalidOptionError(
      'groupBy',
      `expected one of ${DATASET_GROUPS.join(', ')}, got ${JSON.stringify(groupBy)}`,
    );
  }
  const bins = integerIn(query.bins, 'bins', 1, 200, 20);
  const histogramMin = query.histogramMin ?? -4;
  if (
    !(
      typeof histogramMin === 'number' &&
      Number.isFinite(histogramMin) &&
      histogramMin < 0 &&
      histogramMin >= -20
    )
  ) {
    throw new InvalidOptionError(
      'histogramMin',
      `expected a number in [-20, 0), got ${String(histogramMin)}`,
    );
  }
  const factLimit = integerIn(query.facts, 'facts', 0, 100, 10);
  const q = normalizeQuery({ ...query, limit: 1, offset: 0 });
  const { limit: _l, offset: _o, ...filterQuery } = q;
  if (query.thresholds !== undefined) checkThresholds(query.thresholds);
  // the verdict filter judges at the same thresholds as the counts
  const filter = runFilter(db.dialect, filterQuery, query.thresholds);

  return db.transaction('read', async (tx) => {
    let thresholds: GateThresholds = { ...DEFAULT_GATE_THRESHOLDS };
    let thresholdsSource: DatasetSummary['thresholdsSource'] = 'default';
    if (query.thresholds !== undefined) {
      thresholds = { publish: query.thresholds.publish, review: query.thresholds.review };
      thresholdsSource = 'query';
    } else if (q.dataset !== undefined) {
      const saved = (await readSettings(tx, q.dataset)).thresholds;
      if (saved !== null) {
        thresholds = saved;
        thresholdsSource = 'dataset';
      }
    }
    const shape = { thresholds, fromQuery: thresholdsSource === 'query', bins, histogramMin };
    const total = (await groupStats(tx, 'none', filter, shape))[0] ?? emptyStats('all', bins, histogramMin);
    const groups = groupBy === 'none' ? [total] : await groupStats(tx, groupBy, filter, shape);
    groups.sort((a, b) =>
      groupBy === 'day'
        ? String(a.key).localeCompare(String(b.key))
        : b.answers - a.answers || String(a.key).localeCompare(String(b.key)),
    );
    const facts = factLimit === 0 ? [] : await lowestFacts(tx, filter, factLimit);
    const failed =
      q.dataset === undefined
        ? { n: 0 }
        : await tx.get<{ n: number }>(
            "SELECT count(*) AS n FROM batch_rows WHERE dataset = ? AND status = 'failed'",
            [q.dataset],
          );
    return {
      query: { ...filterQuery, groupBy, ...(query.thresholds === undefined ? {} : { thresholds }) },
      thresholds,
      thresholdsSource,
      total,
      groups,
      lowConfidenceFacts: facts,
      failedRows: Number(failed?.n ?? 0),
    };
  });
}

interface Shape {
  thresholds: GateThresholds;
  /** The thresholds came with the query: every run is judged at them. */
  fromQuery: boolean;
  bins: number;
  histogramMin: number;
}

async function groupStats(
  tx: SqlExecutor,
  groupBy: DatasetGroupBy,
  filter: { sql: string; params: SqlValue[] },
  shape: Shape,
): Promise<DatasetGroupStats[]> {
  const k = GROUP_SQL[groupBy];
  // PostgreSQL refuses GROUP BY a constant: no grouping is one aggregate row
  const by = (...more: string[]) => {
    const cols = [...(groupBy === 'none' ? [] : [k]), ...more];
    return cols.length === 0 ? '' : `GROUP BY ${cols.join(', ')}`;
  };
  const from = `runs AS r ${THRESHOLD_JOIN} ${groupBy === 'tag' ? 'LEFT JOIN run_tags AS tg ON tg.run_id = r.id' : ''}`;
  // the query's thresholds for every run, else each run's own (its dataset's saved ones, else core's)
  const t = shape.fromQuery ? thresholdLiterals(shape.thresholds) : SAVED_THRESHOLDS;
  const rows = await tx.all<StatsRow>(
    `SELECT ${k} AS k, count(*) AS answers, sum(r.tokens) AS tokens, avg(r.mean_logprob) AS mean,
       sum(r.flagged_tokens) AS flagged, sum(CASE WHEN r.low_spans > 0 THEN 1 ELSE 0 END) AS flagged_answers,
       sum(CASE WHEN ${verdictSql(t.publish, t.review)} = 'review' THEN 1 ELSE 0 END) AS review,
       sum(r.sentences) AS sentences, min(r.created_at) AS first_at, max(r.created_at) AS last_at,
       min(r.mean_logprob) AS lowest, max(r.mean_logprob) AS highest
     FROM ${from} ${filter.sql} ${by()}`,
    filter.params,
  );
  const byKey = new Map<string | null, DatasetGroupStats>();
  /** Each group's lowest and highest mean logprob: its percentiles lie between them. */
  const range = new Map<string | null, [number, number]>();
  for (const row of rows) {
    if (row.lowest !== null && row.highest !== null)
      range.set(row.k, [Number(row.lowest), Number(row.highest)]);
    const answers = Number(row.answers);
    const tokens = Number(row.tokens ?? 0);
    const reviewCount = Number(row.review ?? 0);
    byKey.set(row.k, {
      ...emptyStats(row.k, shape.bins, shape.histogramMin),
      answers,
      tokens,
      meanLogprob: row.mean === null ? null : Number(row.mean),
      flaggedTokenRate: tokens === 0 ? 0 : Number(row.flagged ?? 0) / tokens,
      flaggedAnswerRate: answers === 0 ? 0 : Number(row.flagged_answers ?? 0) / answers,
      verdicts: { publish: answers - reviewCount, review: reviewCount },
      reviewRate: answers === 0 ? 0 : reviewCount / answers,
      sentences: Number(row.sentences ?? 0),
      firstAt: row.first_at,
      lastAt: row.last_at,
    });
  }
  const and = filter.sql === '' ? 'WHERE' : `${filter.sql} AND`;
  const buckets = await tx.all<{ k: string | null; b: number; n: number }>(
    `SELECT ${k} AS k, r.mean_bucket AS b, count(*) AS n FROM ${from} ${and} r.mean_bucket IS NOT NULL
     ${by('r.mean_bucket')} ORDER BY r.mean_bucket`,
    filter.params,
  );
  const fine = new Map<string | null, Array<{ bucket: number; count: number }>>();
  for (const row of buckets) {
    const list = fine.get(row.k) ?? [];
    list.push({ bucket: Number(row.b), count: Number(row.n) });
    fine.set(row.k, list);
  }
  for (const [key, list] of fine) {
    const stats = byKey.get(key);
    if (stats === undefined) continue;
    stats.percentiles = clampPercentiles(percentilesOf(list, BUCKETS_PER_NAT), range.get(key));
    stats.histogram = histogramOf(list, shape.bins, shape.histogramMin);
  }
  const sentences = await tx.all<{ k: string | null; n: number }>(
    `SELECT ${k} AS k, count(*) AS n FROM ${from} JOIN run_sentences AS s ON s.run_id = r.id
     ${and} ${sentenceReviewSql(t.publish, t.review)} ${by()}`,
    filter.params,
  );
  for (const row of sentences) {
    const stats = byKey.get(row.k);
    if (stats !== undefined) stats.reviewSentences = Number(row.n);
  }
  const facts = await tx.all<{ k: string | null; n: number }>(
    `SELECT ${k} AS k, count(*) AS n FROM ${from} JOIN run_facts AS f ON f.run_id = r.id ${filter.sql} ${by()}`,
    filter.params,
  );
  for (const row of facts) {
    const stats = byKey.get(row.k);
    if (stats !== undefined) stats.lowConfidenceFacts = Number(row.n);
  }
  const reviewed = await tx.all<{ k: string | null; answers: number; rejected: number }>(
    `SELECT ${k} AS k, count(*) AS answers, sum(rv.bad) AS rejected FROM ${from}
     JOIN (SELECT v.run_id, max(CASE WHEN v.decision = 'approved' THEN 0 ELSE 1 END) AS bad FROM reviews AS v
           WHERE v.id IN (SELECT max(id) FROM reviews GROUP BY run_id, sentence) GROUP BY v.run_id) AS rv
       ON rv.run_id = r.id
     ${filter.sql} ${by()}`,
    filter.params,
  );
  for (const row of reviewed) {
    const stats = byKey.get(row.k);
    if (stats === undefined) continue;
    const answers = Number(row.answers);
    const rejected = Number(row.rejected ?? 0);
    stats.reviewed = { answers, rejected, approved: answers - rejected };
  }
  return [...byKey.values()];
}

async function lowestFacts(
  tx: SqlExecutor,
  filter: { sql: string; params: SqlValue[] },
  limit: number,
): Promise<DatasetFact[]> {
  const rows = await tx.all<{
    run_id: string;
    kind: DatasetFact['kind'];
    text: string;
    min_prob: number | null;
  }>(
    `SELECT f.run_id, f.kind, f.text, f.min_prob FROM runs AS r ${THRESHOLD_JOIN} JOIN run_facts AS f ON f.run_id = r.id
     ${filter.sql} ORDER BY CASE WHEN f.min_prob IS NULL THEN 0 ELSE 1 END, f.min_prob, r.id DESC, f.idx LIMIT ?`,
    [...filter.params, limit],
  );
  return rows.map((row) => ({ runId: row.run_id, kind: row.kind, text: row.text, minProb: row.min_prob }));
}

/**
 * Percentiles interpolated in 0.01-nat buckets can stray up to 0.01 outside the values (all answers
 * at -0.0013 would give p10 -0.009): kept within the group's lowest and highest mean.
 */
function clampPercentiles(
  percentiles: DatasetGroupStats['percentiles'],
  range: [number, number] | undefined,
): DatasetGroupStats['percentiles'] {
  if (percentiles === null || range === undefined) return percentiles;
  const [lowest, highest] = range;
  const clamp = (value: number) => Math.min(highest, Math.max(lowest, value));
  return {
    p10: clamp(percentiles.p10),
    p25: clamp(percentiles.p25),
    p50: clamp(percentiles.p50),
    p75: clamp(percentiles.p75),
    p90: clamp(percentiles.p90),
  };
}

/** `bins` equal bins over [histogramMin, 0]; the first bin also counts the answers below histogramMin. */
function histogramOf(
  fine: ReadonlyArray<{ bucket: number; count: number }>,
  bins: number,
  histogramMin: number,
): DatasetGroupStats['histogram'] {
  const width = -histogramMin / bins;
  const out = Array.from({ length: bins }, (_, i) => ({
    from: histogramMin + i * width,
    to: i === bins - 1 ? 0 : histogramMin + (i + 1) * width,
    count: 0,
  }));
  for (const { bucket, count } of fine) {
    const value = (bucket + 0.5) / BUCKETS_PER_NAT; // the bucket's middle
    const i = Math.min(bins - 1, Math.max(0, Math.floor((value - histogramMin) / width)));
    out[i]!.count += count;
  }
  return out;
}

function emptyStats(key: string | null, bins: number, histogramMin: number): DatasetGroupStats {
  return {
    key,
    answers: 0,
    tokens: 0,
    meanLogprob: null,
    percentiles: null,
    histogram: histogramOf([], bins, histogramMin),
    flaggedTokenRate: 0,
    flaggedAnswerRate: 0,
    verdicts: { publish: 0, review: 0 },
    reviewRate: 0,
    reviewSentences: 0,
    sentences: 0,
    lowConfidenceFacts: 0,
    reviewed: { answers: 0, rejected: 0, approved: 0 },
    firstAt: null,
    lastAt: null,
  };
}

function integerIn(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError(
      name,
      `expected an integer from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
