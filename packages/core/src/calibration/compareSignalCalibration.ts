/**
 * Which confidence signal predicts the same labels better, on the answers that have both: the token
 * confidence exp(mean logprob) and the sampling agreement (`--confidence both`). Each gets AUROC (does
 * a higher confidence mean right more often?), Brier score and ECE (equal-width bins) against the same
 * labels. The better one has the higher AUROC (by at least 0.02), else the lower Brier score (by at
 * least 0.005), else neither. Both signals measure the model's confidence, not truth; on a few
 * dozen answers the difference is a hint, not a result.
 */
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { calibrationMetrics, sortForecasts } from './calibrationMetrics.js';

/** One labelled answer with both signals. */
export interface PairedSignals {
  /** exp(mean token logprob), 0..1. */
  logprobs: number;
  /** Sampling agreement, 0..1. */
  agreement: number;
  correct: boolean;
}

export interface SignalScores {
  auroc: number | null;
  brier: number;
  ece: number;
  meanConfidence: number;
}

export type BetterSignal = 'logprobs' | 'consistency' | 'neither';

export interface SignalCalibrationComparison {
  rows: number;
  correct: number;
  logprobs: SignalScores;
  consistency: SignalScores;
  better: BetterSignal;
  /** One line for people: which predicts better, and by what. */
  line: string;
}

/** AUROC margin under which neither signal discriminates better. */
export const AUROC_MARGIN = 0.02;
/** Brier margin under which neither signal is better. */
export const BRIER_MARGIN = 0.005;

export function compareSignalCalibration(
  pairs: readonly PairedSignals[],
  options: { bins?: number } = {},
): SignalCalibrationComparison {
  if (pairs.length < 2) {
    throw new InvalidOptionError(
      'answers',
      `comparing the two signals needs at least 2 labelled answers with both; got ${pairs.length}`,
    );
  }
  const bins = options.bins ?? 10;
  const correct = pairs.map((p) => (p.correct ? 1 : 0));
  const scores = (confidences: number[]): SignalScores => {
    const m = calibrationMetrics(sortForecasts(confidences, correct), bins);
    return { auroc: m.auroc, brier: m.brier.score, ece: m.equalWidth.ece, meanConfidence: m.meanConfidence };
  };
  const logprobs = scores(pairs.map((p) => p.logprobs));
  const consistency = scores(pairs.map((p) => p.agreement));
  let better: BetterSignal = 'neither';
  let by = '';
  if (
    logprobs.auroc !== null &&
    consistency.auroc !== null &&
    Math.abs(logprobs.auroc - consistency.auroc) >= AUROC_MARGIN
  ) {
    better = logprobs.auroc > consistency.auroc ? 'logprobs' : 'consistency';
    by = 'AUROC';
  } else if (Math.abs(logprobs.brier - consistency.brier) >= BRIER_MARGIN) {
    better = logprobs.brier < consistency.brier ? 'logprobs' : 'consistency';
    by = 'Brier score';
  }
  const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
  const figures = `AUROC ${f(logprobs.auroc)} vs ${f(consistency.auroc)}, Brier ${f(logprobs.brier)} vs ${f(consistency.brier)}, ECE ${f(logprobs.ece)} vs ${f(consistency.ece)} (token confidence vs sampling agreement, ${pairs.length} labelled answers with both)`;
  const verdict =
    better === 'neither'
      ? 'neither signal predicts the labels clearly better'
      : `${better === 'logprobs' ? 'token confidence exp(mean logprob)' : 'sampling agreement'} predicts the labels better (by ${by})`;
  return {
    rows: pairs.length,
    correct: pairs.filter((p) => p.correct).length,
    logprobs,
    consistency,
    better,
    line: `Signals: ${verdict}: ${figures}${pairs.length < 50 ? '; few answers: a hint, not a result' : ''}`,
  };
}
