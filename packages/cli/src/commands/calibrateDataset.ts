/**
 * `tokenscope calibrate --dataset NAME`: reviews become calibration. The rows are the dataset's
 * stored runs: confidence = exp(mean token logprob) of each answer with tokens; the label is the
 * reviewers' (`correct` of the export row: false when any sentence was rejected or edited, true
 * when every decided sentence was approved), else, for a run without a review but with an
 * `expected` answer, whether the answer equals it after core's `normalizeAnswer`. Runs with neither
 * are left out. From the review-budget threshold it proposes gate thresholds (see `proposeThresholds`).
 * Runs with a sampling-consistency result also give their agreement as a second signal: where
 * answers have both (`batch --confidence both`), the two are compared against the same labels; a
 * dataset made from samples only is calibrated on the agreement.
 */
import {
  type CalibrationSample,
  type GateThresholds,
  normalizeAnswer,
  type PairedSignals,
  type ReviewThreshold,
} from '@tokenscope/core';
import type { RunStore } from '@tokenscope/store';
import { UsageError } from '../errors/UsageError.js';

/** Where the labels of a dataset's rows came from. */
export interface DatasetLabels {
  dataset: string;
  /** Runs of the dataset. */
  runs: number;
  /** Labelled by the reviewers' latest decisions. */
  reviewed: number;
  /** Labelled by comparing the answer with `expected` (no review). */
  expected: number;
  /** Left out: no tokens, or neither a review decision nor an expected answer. */
  unlabelled: number;
  /** Runs left out for having neither tokens nor a sampling agreement. */
  noTokens: number;
  /** Labelled runs with a sampling agreement, and those of them with tokens too (both signals). */
  withAgreement: number;
  withBoth: number;
}

/** Which signal a dataset's calibration report is about. */
export type DatasetSignal = 'logprobs' | 'consistency';

/** A dataset's labelled answers by signal, and where their labels came from. */
export interface DatasetSamples {
  /** The report's samples: exp(mean logprob), or, for a dataset made from samples only, the agreement. */
  samples: CalibrationSample[];
  signal: DatasetSignal;
  labels: DatasetLabels;
  /** Labelled answers with both signals (`batch --confidence both`). */
  pairs: PairedSignals[];
}

/** Two or more labelled answers, right and wrong: what calibration needs. */
function usable(samples: readonly CalibrationSample[]): boolean {
  const right = samples.filter((s) => s.correct).length;
  return samples.length >= 2 && right > 0 && right < samples.length;
}

/** The calibration samples of a dataset's runs, by signal, and where their labels came from. */
export async function datasetSamples(store: RunStore, dataset: string): Promise<DatasetSamples> {
  const logprobs: CalibrationSample[] = [];
  const agreements: CalibrationSample[] = [];
  const pairs: PairedSignals[] = [];
  const labels: DatasetLabels = {
    dataset,
    runs: 0,
    reviewed: 0,
    expected: 0,
    unlabelled: 0,
    noTokens: 0,
    withAgreement: 0,
    withBoth: 0,
  };
  for await (const row of store.exportRows({ dataset })) {
    labels.runs++;
    const meanLogprob = row.meanLogprob;
    const hasTokens = row.tokens > 0 && meanLogprob !== null && Number.isFinite(meanLogprob);
    const agreement = row.agreement;
    if (!hasTokens && agreement === null) {
      labels.noTokens++;
      continue;
    }
    let correct: boolean;
    if (row.correct !== null) {
      correct = row.correct;
      labels.reviewed++;
    } else if (row.expected !== null) {
      correct = normalizeAnswer(row.answer) === normalizeAnswer(row.expected);
      labels.expected++;
    } else {
      labels.unlabelled++;
      continue;
    }
    if (hasTokens) logprobs.push({ confidence: Math.exp(meanLogprob), correct });
    if (agreement !== null) {
      agreements.push({ confidence: agreement, correct });
      labels.withAgreement++;
    }
    if (hasTokens && agreement !== null) {
      pairs.push({ logprobs: Math.exp(meanLogprob), agreement, correct });
      labels.withBoth++;
    }
  }
  if (labels.runs === 0) {
    throw new UsageError(
      `dataset "${dataset}" has no runs in ${store.location} (see the datasets in the app, or store runs with tokenscope batch --dataset ${dataset})`,
    );
  }
  if (usable(logprobs)) return { samples: logprobs, signal: 'logprobs', labels, pairs };
  if (usable(agreements) && logprobs.length === 0) {
    return { samples: agreements, signal: 'consistency', labels, pairs };
  }
  const right = logprobs.filter((s) => s.correct).length;
  const have =
    logprobs.length < 2
      ? `only ${logprobs.length} labelled`
      : `${logprobs.length} labelled answers, all ${right === 0 ? 'wrong' : 'right'}`;
  throw new UsageError(
    `dataset "${dataset}" has ${labels.runs} runs: ${labels.reviewed} reviewed, ${labels.expected} with an expected answer (${have}); calibration needs at least 2 labelled answers, right and wrong: review answers in the app's review queue, or give "expected" in the batch rows`,
  );
}

/** "Labels: 6 from reviews, 4 from expected answers; 2 runs left out (...)". */
export function describeLabels(labels: DatasetLabels): string {
  const labelled = labels.reviewed + labels.expected;
  const out: string[] = [];
  if (labels.unlabelled > 0) out.push(`${labels.unlabelled} without a review or an expected answer`);
  if (labels.noTokens > 0) out.push(`${labels.noTokens} without tokens`);
  const sampled =
    labels.withAgreement === 0
      ? ''
      : `; ${labels.withAgreement} with a sampling agreement (${labels.withBoth} with both signals)`;
  return (
    `Dataset ${labels.dataset}: ${labelled} labelled answers of ${labels.runs} runs ` +
    `(${labels.reviewed} by reviewers' decisions, ${labels.expected} by the expected answer)` +
    (out.length === 0 ? '' : `; left out: ${out.join(', ')}`) +
    sampled
  );
}

/**
 * Gate thresholds for a review budget. The budget threshold is a confidence t: answers at or below
 * it fill at most the budget. An answer's confidence is exp(mean logprob), so the publish threshold
 * is ln(t). The gate judges sentences: one with a mean logprob below `review`, or between `review`
 * and `publish` with a low-confidence fact, is reviewed. With `review` a hair (0.001) below `publish`,
 * every sentence below ln(t) is reviewed, and since an answer's mean lies between its sentences'
 * means, every answer below the budget's threshold gets reviewed (others may too: the command prints
 * the gate's real review rate on the dataset). Null when no answer fits in the budget.
 */
/** How far below `publish` the proposed `review` threshold lies (nats). */
const REVIEW_GAP = 0.001;

export function proposeThresholds(budget: ReviewThreshold): GateThresholds | null {
  if (budget.threshold === null || !(budget.threshold > 0)) return null;
  const publish = Math.min(0, Math.log(budget.threshold));
  return { publish, review: publish - REVIEW_GAP };
}

/** "12 %", "12.5 %". */
export function percent(share: number, digits = 1): string {
  return `${Number((share * 100).toFixed(digits))} %`;
}

/** "review at most 12 % of answers: threshold mean logprob -0.73 (p 48.2 %) catches 71 % of the wrong answers". */
export function describeProposal(budget: ReviewThreshold, proposed: GateThresholds | null): string {
  const head = `review at most ${percent(budget.target)} of answers`;
  if (proposed === null || budget.threshold === null) {
    return `${head}: no answer fits in the budget, so no thresholds are proposed (raise --budget)`;
  }
  const caught =
    budget.recall === null
      ? 'catches none: no evaluated answer was wrong'
      : `catches ${percent(budget.recall, 0)} of the wrong answers`;
  return (
    `${head}: threshold mean logprob ${proposed.publish.toFixed(2)} (p ${percent(budget.threshold)}) ${caught}` +
    ` (flags ${budget.flagged} answer${budget.flagged === 1 ? '' : 's'}, ${percent(budget.flaggedShare)})\n` +
    `proposed gate thresholds: publish above ${proposed.publish.toFixed(3)}, review below ${proposed.review.toFixed(3)}` +
    ' (publish = ln(threshold), review = publish - 0.001)'
  );
}

/** The note saved with the thresholds. */
export function thresholdsNote(budget: number, labelled: number, now: Date = new Date()): string {
  return `calibrate: budget ${percent(budget)}, ${labelled} labelled answers, ${now.toISOString().slice(0, 10)}`;
}
