import {
  analyze,
  DEFAULT_GATE_THRESHOLDS,
  findReview,
  gate,
  type ReviewQueue,
  type ReviewQueueRun,
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
    const result = gate(analyze(record.response), thresholds);
    if (result.counts.review === 0) continue; // nothing to wait for: its decisions need not be read
    const { latest } = await store.reviews(item.id);
    let decided = 0;
    const waiting: ReviewQueueRun['pending'] = [];
    for (const s of result.sentences) {
      if (findReview(latest, s) !== undefined) {
        decided++;
        continue;
      }
      if (s.verdict !== 'review') continue;
      waiting.push({
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
      });
    }
    if (waiting.length === 0) continue;
    pending += waiting.length;
    runs.push({
      runId: record.id,
      title: record.title,
      model: record.model,
      createdAt: record.createdAt,
      sentences: result.sentences.length,
      decided,
      pending: waiting,
    });
  }
  return { thresholds, scanned: list.runs.length, totalRuns: list.total, runs, pending };
}
