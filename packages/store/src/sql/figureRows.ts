/**
 * The per-run figures the database aggregates (migration 005): columns of `runs`, one row per
 * sentence in `run_sentences`, one per low-confidence critical fact in `run_facts`. Written with the
 * run, and by `deriveMissing` for runs saved before version 005.
 */
import type { RunFigures } from '@tokenscope/core';
import { runFigures } from '@tokenscope/core';
import type { SqlDriver, SqlExecutor } from '../driver/SqlDriver.js';
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

export async function writeFigures(tx: SqlExecutor, runId: string, figures: RunFigures): Promise<void> {
  const s = figures.summary;
  const mean = s.tokens > 0 && Number.isFinite(s.meanLogprob) ? s.meanLogprob : null;
  const bucket = mean === null ? null : Math.max(LOWEST_BUCKET, Math.floor(mean * BUCKETS_PER_NAT));
  await tx.run(
    `UPDATE runs SET derived = 1, tokens = ?, mean_logprob = ?, mean_bucket = ?, flagged_tokens = ?, low_spans = ?,
     sentences = ?, gate_min_mean = ?, gate_min_fact_mean = ? WHERE id = ?`,
    [
      s.tokens,
      mean,
      bucket,
      s.flaggedTokens,
      s.lowConfidenceSpans,
      figures.sentences.length,
      finite(figures.gateMinMean),
      finite(figures.gateMinFactMean),
      runId,
    ],
  );
  await insertMany(
    tx,
    'run_sentences (run_id, idx, mean_logprob, low_fact)',
    4,
    figures.sentences.map((x, i) => [
      runId,
      i,
      finite(x.meanLogprob ?? Number.NEGATIVE_INFINITY),
      x.lowFact ? 1 : 0,
    ]),
  );
  await insertMany(
    tx,
    'run_facts (run_id, idx, kind, text, min_prob)',
    5,
    figures.lowConfidenceFacts.map((f, i) => [runId, i, f.kind, f.text, f.minProb]),
  );
}

async function insertMany(
  tx: SqlExecutor,
  table: string,
  width: number,
  rows: Array<Array<string | number | null>>,
): Promise<void> {
  const group = `(${new Array(width).fill('?').join(', ')})`;
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    await tx.run(`INSERT INTO ${table} VALUES ${chunk.map(() => group).join(', ')}`, chunk.flat());
  }
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
