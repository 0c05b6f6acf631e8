import {
  analyze,
  DEFAULT_GATE_THRESHOLDS,
  findReview,
  gate,
  gateConsistency,
  isSamplingOnly,
  type ReviewQueue,
  type ReviewQueueRun,
  type ReviewQueueSentence,
  type RunRecord,
  resolveGateThresholds,
} from '@tokenscope/core';
import type { RunStore } from '@tokenscope/store';

/** How many of the newest runs `GET /api/review-queue` reads by default, and at most. */
export const DEFAULT_QUEUE_SCAN = 50;
export const MAX_QUEUE_SCAN = 200;

export interface ReviewQueueOptions {
  /** Read the newest `scan` runs (default 50). */
  scan?: number;
  publish?: number;
  review?: number;
  /** Only this dataset's runs; its saved thresholds are the default ones. */
  dataset?: string;
}

/**
 * The review queue: of the newest `scan` runs, those with sentences that core's `gate` sends to
 * review (default thresholds: the dataset's saved ones with `dataset`, else publish above -0.5, review
 * below -1.5) and that have no decision yet.
 * A run made from samples only (no tokens) is judged by `gateConsistency` instead: a sentence carried
 * by fewer than 80 % of the samples waits for review.
 * Each run is read whole and analysed (completion 0, default analysis thresholds), so the cost grows
 * with `scan` and the runs' length: the scan is capped rather than the store walked. Runs without a
 * completion are skipped. Throws core's `InvalidOptionError` for bad thresholds.
 */
export async function buildReviewQueue(
  store: RunStore,
  options: ReviewQueueOptions = {},
): Promise<ReviewQueue> {
  const saved =
    options.dataset === undefined ? null : (await store.datasetSettings(options.dataset)).thresholds;
  const thresholds = {
    publish: options.publish ?? saved?.publish ?? DEFAULT_GATE_THRESHOLDS.publish,
    review: options.review ?? saved?.review ?? DEFAULT_GATE_THRESHOLDS.review,
  };
  resolveGateThresholds(thresholds); // checks them before any run is read
  const list = await store.list({
    limit: options.scan ?? DEFAULT_QUEUE_SCAN,
    ...(options.dataset === undefined ? {} : { dataset: options.dataset }),
  });
  const runs: ReviewQueueRun[] = [];
  let pending = 0;
  for (const item of list.runs) {
    const record = await store.get(item.id);
    if (record.response.completions.length === 0) continue;
    const sentences = gatedSentences(record, thresholds);
    if (!sentences.some((s) => s.verdict === 'review')) continue; // nothing to wait for
    const { latest } = await store.reviews(item.id);
    let decided = 0;
    const waiting: ReviewQueueRun['pending'] = [];
    for (const { verdict, ...s } of sentences) {
      if (findReview(latest, s) !== undefined) {
        decided++;
        continue;
      }
      if (verdict === 'review') waiting.push(s);
    }
    if (waiting.length === 0) continue;
    pending += waiting.length;
    runs.push({
      runId: record.id,
      title: record.title,
      model: record.model,
      createdAt: record.createdAt,
      sentences: sentences.length,
      decided,
      pending: waiting,
    });
  }
  return { thresholds, scanned: list.runs.length, totalRuns: list.total, runs, pending };
}

/** The run's sentences with their verdicts: core's `gate` on the tokens, or `gateConsistency` on the samples. */
function gatedSentences(
  record: RunRecord,
  thresholds: { publish: number; review: number },
): Array<ReviewQueueSentence & { verdict: 'publish' | 'review' }> {
  if (record.consistency !== undefined && isSamplingOnly(record)) {
    return gateConsistency(record.consistency).sentences.map((s) => ({
      index: s.index,
      text: s.text,
      charStart: s.charStart,
      charEnd: s.charEnd,
      meanLogprob: null,
      reason: `sampling consistency: ${s.reason}`,
      agreement: s.agreement,
      lowConfidenceFacts: [],
      verdict: s.verdict,
    }));
  }
  return gate(analyze(record.response), thresholds).sentences.map((s) => ({
    index: s.index,
    text: s.text,
    charStart: s.charStart,
    charEnd: s.charEnd,
    meanLogprob: s.meanLogprob,
    reason: s.reason,
    lowConfidenceFacts: s.lowConfidenceFacts.map((f) => ({
      kind: f.kind,
      text: f.text,
      minProb: f.minProb,
      meanLogprob: Number.isFinite(f.meanLogprob) ? f.meanLogprob : null,
    })),
    verdict: s.verdict,
  }));
}
