/**
 * The per-run figures the database aggregates (migration 005): columns of `runs`, one row per
 * sentence in `run_sentences`, one per low-confidence critical fact in `run_facts`. Written with the
 * run, and by `deriveMissing` for runs saved before version 005.
 */
import type { RunFigures } from '@tokenscope/core';
import { runFigures } from '@tokenscope/core';
import type { SqlDriver, SqlExecutor, SqlValue } from '../driver/SqlDriver.js';
import { insertRows } from './insertRows.js';
import { fromJson } from './json.js';

/** Stands for -Infinity (a sentence without any known logprob) in both databases. */
export const NO_LOGPROB = -1e300;
/** Histogram resolution: buckets of 0.01 nats, clamped at -20. */
export const BUCKETS_PER_NAT = 100;
export const LOWEST_BUCKET = -2000;

function finite(value: number | null): number | null {
  if (value === null) return null;
  return Number.isFinite(value) ? value : NO_LOGPROB;
}

/** The figure columns of `runs`, in order: tokens, mean_logprob, mean_bucket, flagged_tokens,
 * low_spans, sentences, gate_min_mean, gate_min_fact_mean. */
export function figureColumns(figures: RunFigures): Array<number | null> {
  const s = figures.summary;
  const mean = s.tokens > 0 && Number.isFinite(s.meanLogprob) ? s.meanLogprob : null;
  const bucket = mean === null ? null : Math.max(LOWEST_BUCKET, Math.floor(mean * BUCKETS_PER_NAT));
  return [
    s.tokens,
    mean,
    bucket,
    s.flaggedTokens,
    s.lowConfidenceSpans,
    figures.sentences.length,
    finite(figures.gateMinMean),
    finite(figures.gateMinFactMean),
  ];
}

/** The run's rows of `run_sentences` and `run_facts`. */
export function figureRows(
  runId: string,
  figures: RunFigures,
): { sentences: SqlValue[][]; facts: SqlValue[][] } {
  return {
    sentences: figures.sentences.map((x, i) => [
      runId,
      i,
      finite(x.meanLogprob ?? Number.NEGATIVE_INFINITY),
      x.lowFact ? 1 : 0,
    ]),
    facts: figures.lowConfidenceFacts.map((f, i) => [runId, i, f.kind, f.text, f.minProb]),
  };
}

/** Writes the figures of a run already saved (runs from before migration 005). */
async function writeFigures(tx: SqlExecutor, runId: string, figures: RunFigures): Promise<void> {
  await tx.run(
    `UPDATE runs SET derived = 1, tokens = ?, mean_logprob = ?, mean_bucket = ?, flagged_tokens = ?, low_spans = ?,
     sentences = ?, gate_min_mean = ?, gate_min_fact_mean = ? WHERE id = ?`,
    [...figureColumns(figures), runId],
  );
  const rows = figureRows(runId, figures);
  await insertRows(tx, 'run_sentences (run_id, idx, mean_logprob, low_fact)', 4, rows.sentences);
  await insertRows(tx, 'run_facts (run_id, idx, kind, text, min_prob)', 5, rows.facts);
}

/** Computes the figures of runs saved before migration 005, a page at a time. */
export async function deriveMissing(db: SqlDriver): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await db.all<{ id: string; response: string }>(
      'SELECT id, response FROM runs WHERE derived = 0 ORDER BY seq LIMIT 100',
    );
    if (rows.length === 0) return done;
    await db.transaction('write', async (tx) => {
      for (const row of rows) {
        const still = await tx.get<{ derived: number }>('SELECT derived FROM runs WHERE id = ?', [row.id]);
        if (still?.derived !== 0) continue; // another process did it meanwhile
        await writeFigures(tx, row.id, runFigures(fromJson(row.response)));
      }
    });
    done += rows.length;
  }
}
