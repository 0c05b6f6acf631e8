/**
 * Every score of one set of forecasts against outcomes: ECE and MCE under equal-width and equal-mass
 * bins, Brier score with its decomposition (over the equal-width bins), log loss, AUROC, AURC and
 * the prediction-rejection ratio. No NaN anywhere: undefined values are null.
 */
import { assignBins, type BinScheme } from './assignBins.js';
import { auroc } from './auroc.js';
import { type BrierDecomposition, brierScore } from './brierScore.js';
import { logLoss } from './logLoss.js';
import { riskCoverage } from './riskCoverage.js';
import { type CalibrationBin, calibrationErrors, summarizeBins } from './summarizeBins.js';

/** ECE and MCE under one binning, with the bins for the reliability diagram. */
export interface BinnedCalibration {
  scheme: BinScheme;
  ece: number;
  mce: number;
  /** 95 % bootstrap percentile interval of the ECE; null when not computed. */
  eceInterval: [number, number] | null;
  bins: CalibrationBin[];
}

export interface CalibrationMetrics {
  count: number;
  correct: number;
  accuracy: number;
  meanConfidence: number;
  equalWidth: BinnedCalibration;
  equalMass: BinnedCalibration;
  brier: BrierDecomposition;
  /** Mean negative log-likelihood in nats, forecasts clipped to [1e-15, 1 - 1e-15]. */
  logLoss: number;
  /** Null when every answer is right or every answer is wrong. */
  auroc: number | null;
  aurc: number;
  prr: number | null;
}

/** Forecasts sorted ascending with their outcomes (1 = correct), the form every metric takes. */
export interface SortedForecasts {
  confidences: Float64Array;
  correct: Uint8Array;
}

export function sortForecasts(confidences: ArrayLike<number>, correct: ArrayLike<number>): SortedForecasts {
  const order = Array.from({ length: confidences.length }, (_, i) => i).sort(
    (a, b) => confidences[a]! - confidences[b]!,
  );
  return {
    confidences: Float64Array.from(order, (i) => confidences[i]!),
    correct: Uint8Array.from(order, (i) => correct[i]!),
  };
}

export function calibrationMetrics(data: SortedForecasts, bins: number): CalibrationMetrics {
  const { confidences, correct } = data;
  const n = confidences.length;
  const binned = (scheme: BinScheme): BinnedCalibration => {
    const binOf = assignBins(confidences, bins, scheme);
    const summary = summarizeBins(confidences, correct, binOf, bins, scheme);
    return { scheme, ...calibrationErrors(summary), eceInterval: null, bins: summary };
  };
  let right = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    right += correct[i]!;
    sum += confidences[i]!;
  }
  const curve = riskCoverage(confidences, correct);
  return {
    count: n,
    correct: right,
    accuracy: n === 0 ? 0 : right / n,
    meanConfidence: n === 0 ? 0 : sum / n,
    equalWidth: binned('width'),
    equalMass: binned('mass'),
    brier: brierScore(confidences, correct, assignBins(confidences, bins, 'width'), bins),
    logLoss: logLoss(confidences, correct),
    auroc: auroc(confidences, correct),
    aurc: curve.aurc,
    prr: curve.prr,
  };
}
