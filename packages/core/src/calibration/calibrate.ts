/**
 * The calibration report of a set of answers: how well the raw confidence is calibrated, the three
 * fitted maps (Platt, isotonic, temperature) and how well each calibrates, the risk-coverage curve,
 * and the review thresholds for a budget and for an error-recall target.
 *
 * With `split` (a fraction in (0, 1)), a seeded shuffle puts that share of the rows in a fitting
 * part and the rest in an evaluation part: the maps are fitted on the first, and every number is
 * computed on the second. Without it, maps are fitted and evaluated on all rows (in-sample), which
 * flatters them; the report says so in its notes.
 */
import { EmptyInputError } from '../errors/EmptyInputError.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { bootstrapEce } from './bootstrapEce.js';
import { applyCalibrationMap, type CalibrationMap } from './CalibrationMap.js';
import type { CalibrationSample } from './CalibrationSample.js';
import { type CalibrationMetrics, calibrationMetrics, sortForecasts } from './calibrationMetrics.js';
import { fitIsotonic } from './fitIsotonic.js';
import { fitPlatt } from './fitPlatt.js';
import { fitTemperature } from './fitTemperature.js';
import { type ReviewThreshold, reviewByBudget, reviewByCatch } from './reviewThreshold.js';
import { type RiskCoveragePoint, riskCoverage } from './riskCoverage.js';
import { seededRandom } from './seededRandom.js';

export interface CalibrateOptions {
  /** Bins of the ECE and the reliability diagram (default 10). */
  bins?: number;
  /** Bootstrap replicates of the ECE interval; 0 for none (default 1000). */
  bootstrap?: number;
  /** Seed of the bootstrap and of the split (default 1). */
  seed?: number;
  /** Share of the rows to fit the maps on; the rest are evaluated. Default: none (in-sample). */
  split?: number;
  /** Review budget: the largest share of answers to flag (e.g. 0.12). */
  budget?: number;
  /** Error-recall target: the share of errors the flagged answers must catch (e.g. 0.8). */
  catch?: number;
}

export interface FittedMap {
  map: CalibrationMap;
  /** The metrics of the mapped confidences (no bootstrap interval). */
  metrics: CalibrationMetrics;
}

export interface CalibrationReport {
  rows: number;
  fittedRows: number;
  evaluatedRows: number;
  /** Null when fitted and evaluated on all rows. */
  split: { fraction: number; seed: number } | null;
  bins: number;
  bootstrap: number;
  seed: number;
  /** The raw confidences' metrics on the evaluated rows, with bootstrap ECE intervals. */
  metrics: CalibrationMetrics;
  riskCoverage: RiskCoveragePoint[];
  maps: FittedMap[];
  budget: ReviewThreshold | null;
  catch: ReviewThreshold | null;
  /** Caveats a reader needs: in-sample fit, undefined metrics, few rows per bin. */
  notes: string[];
}

export function calibrate(
  samples: readonly CalibrationSample[],
  options: CalibrateOptions = {},
): CalibrationReport {
  const bins = options.bins ?? 10;
  const bootstrap = options.bootstrap ?? 1000;
  const seed = options.seed ?? 1;
  validate(options, bins, bootstrap, seed);
  if (samples.length === 0) throw new EmptyInputError('no answers to calibrate');
  const [fit, evaluate] = splitRows(samples, options.split, seed);
  const notes: string[] = [];

  const data = sortForecasts(
    evaluate.map((s) => s.confidence),
    evaluate.map((s) => (s.correct ? 1 : 0)),
  );
  const metrics = calibrationMetrics(data, bins);
  const intervals = bootstrapEce(data, bins, bootstrap, seed);
  if (intervals !== null) {
    metrics.equalWidth.eceInterval = intervals.width;
    metrics.equalMass.eceInterval = intervals.mass;
  }

  const fitConf = fit.map((s) => s.confidence);
  const fitCorrect = fit.map((s) => (s.correct ? 1 : 0));
  const platt = fitPlatt(fitConf, fitCorrect);
  const temperature = fitTemperature(fitConf, fitCorrect);
  const isotonic = fitIsotonic(fitConf, fitCorrect);
  const maps: CalibrationMap[] = [
    { kind: 'platt', ...platt },
    { kind: 'isotonic', ...isotonic },
    { kind: 'temperature', temperature: temperature.temperature },
  ];
  const fitted = maps.map((map) => {
    const mapped = sortForecasts(
      Array.from(data.confidences, (p) => applyCalibrationMap(map, p)),
      data.correct,
    );
    return { map, metrics: calibrationMetrics(mapped, bins) };
  });

  if (options.split === undefined) {
    notes.push(
      'in-sample: the maps were fitted and evaluated on the same rows, which flatters them; hold out rows (--split 0.5) for an honest estimate',
    );
  }
  const n = data.confidences.length;
  if (metrics.correct === n || metrics.correct === 0) {
    notes.push(
      `every evaluated answer was ${metrics.correct === 0 ? 'wrong' : 'right'}: AUROC, PRR and error recall are undefined (null)`,
    );
  }
  if (n < 10 * bins) {
    notes.push(
      `only ${n} answers for ${bins} bins: the ECE is noisy and biased upward with few answers per bin; read it with its bootstrap interval`,
    );
  }
  if (temperature.atBound) {
    notes.push(
      `the temperature fit stopped at the edge of its range (T = ${temperature.temperature.toPrecision(3)}): confidence separates right from wrong answers almost perfectly, or inversely`,
    );
  }
  if (platt.a <= 0) notes.push('the Platt slope is <= 0: higher confidence does not mean more often right');

  return {
    rows: samples.length,
    fittedRows: fit.length,
    evaluatedRows: evaluate.length,
    split: options.split === undefined ? null : { fraction: options.split, seed },
    bins,
    bootstrap,
    seed,
    metrics,
    riskCoverage: riskCoverage(data.confidences, data.correct).points,
    maps: fitted,
    budget:
      options.budget === undefined ? null : reviewByBudget(data.confidences, data.correct, options.budget),
    catch: options.catch === undefined ? null : reviewByCatch(data.confidences, data.correct, options.catch),
    notes,
  };
}

function validate(options: CalibrateOptions, bins: number, bootstrap: number, seed: number): void {
  if (!Number.isSafeInteger(bins) || bins < 1 || bins > 1000) {
    throw new InvalidOptionError('bins', `expected an integer in 1..1000, got ${bins}`);
  }
  if (!Number.isSafeInteger(bootstrap) || bootstrap < 0 || bootstrap > 100_000) {
    throw new InvalidOptionError('bootstrap', `expected an integer in 0..100000, got ${bootstrap}`);
  }
  if (!Number.isSafeInteger(seed)) throw new InvalidOptionError('seed', `expected an integer, got ${seed}`);
  if (options.split !== undefined && !(options.split > 0 && options.split < 1)) {
    throw new InvalidOptionError(
      'split',
      `expected a share of the rows strictly between 0 and 1, got ${options.split}`,
    );
  }
  for (const key of ['budget', 'catch'] as const) {
    const value = options[key];
    if (value !== undefined && !(value >= 0 && value <= 1)) {
      throw new InvalidOptionError(key, `expected a share in 0..1, got ${value}`);
    }
  }
}

function splitRows(
  samples: readonly CalibrationSample[],
  fraction: number | undefined,
  seed: number,
): [readonly CalibrationSample[], readonly CalibrationSample[]] {
  if (fraction === undefined) return [samples, samples];
  const order = samples.map((_, i) => i);
  // A stream separate from the bootstrap's, derived from the same seed.
  const random = seededRandom(seed ^ 0x5bd1e995);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const cut = Math.round(fraction * samples.length);
  if (cut < 1 || cut > samples.length - 1) {
    throw new InvalidOptionError(
      'split',
      `${fraction} of ${samples.length} rows leaves ${cut < 1 ? 'no row to fit on' : 'no row to evaluate'}; use more rows or another share`,
    );
  }
  return [order.slice(0, cut).map((i) => samples[i]!), order.slice(cut).map((i) => samples[i]!)];
}
