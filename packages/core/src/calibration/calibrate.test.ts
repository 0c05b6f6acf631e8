/**
 * Reference values for a small fixed data set, each worked out by hand below (not by this code).
 *
 * The set D (8 answers), sorted by confidence, highest first:
 *
 *   i   conf  correct   equal-width bin (floor(10·conf))
 *   1   0.95  1         9
 *   2   0.85  1         8
 *   3   0.85  0         8
 *   4   0.75  1         7
 *   5   0.65  0         6
 *   6   0.45  1         4
 *   7   0.35  0         3
 *   8   0.15  0         1
 */
import { describe, expect, it } from 'vitest';
import {
  applyCalibrationMap,
  type CalibrationSample,
  calibrate,
  EmptyInputError,
  InvalidOptionError,
  reviewByBudget,
  reviewByCatch,
} from '../index.js';

const D: CalibrationSample[] = [
  [0.95, 1],
  [0.85, 1],
  [0.85, 0],
  [0.75, 1],
  [0.65, 0],
  [0.45, 1],
  [0.35, 0],
  [0.15, 0],
].map(([confidence, correct]) => ({ confidence: confidence!, correct: correct === 1 }));
const conf = D.map((s) => s.confidence);
const right = D.map((s) => (s.correct ? 1 : 0));

describe('calibrate: reference values on D', () => {
  const report = calibrate(D, { bins: 10, bootstrap: 0 });
  const m = report.metrics;

  it('ECE and MCE with 10 equal-width bins', () => {
    // Non-empty bins: |acc - conf| · n
    //   bin 9: |1 - .95|·1 = .05     bin 8: |.5 - .85|·2 = .70   bin 7: |1 - .75|·1 = .25
    //   bin 6: |0 - .65|·1 = .65     bin 4: |1 - .45|·1 = .55   bin 3: |0 - .35|·1 = .35
    //   bin 1: |0 - .15|·1 = .15
    // ECE = (.05 + .70 + .25 + .65 + .55 + .35 + .15) / 8 = 2.70 / 8 = 0.3375
    // MCE = max gap = 0.65 (bin 6)
    expect(m.equalWidth.ece).toBeCloseTo(0.3375, 12);
    expect(m.equalWidth.mce).toBeCloseTo(0.65, 12);
    expect(m.equalWidth.bins).toHaveLength(10);
    expect(m.equalWidth.bins[8]).toMatchObject({ count: 2, accuracy: 0.5 });
    expect(m.equalWidth.bins[8]!.meanConfidence).toBeCloseTo(0.85, 12);
    expect(m.equalWidth.bins[0]).toMatchObject({ count: 0, accuracy: null, meanConfidence: null });
  });

  it('ECE with 4 equal-mass bins keeps the tie at 0.85 together', () => {
    // Ascending: .15 .35 .45 .65 .75 .85 .85 .95. A run of equal confidences goes to bin
    // floor(4 · answers before it / 8): .15→0 .35→0 .45→1 .65→1 .75→2 (.85,.85)→floor(20/8)=2 .95→3
    //   bin 0 {.15:0, .35:0}       conf .25,  acc 0,   gap .25, n 2
    //   bin 1 {.45:1, .65:0}       conf .55,  acc .5,  gap .05, n 2
    //   bin 2 {.75:1, .85:1, .85:0} conf 2.45/3, acc 2/3, gap 2.45/3 - 2/3 = .45/3 = .15, n 3
    //   bin 3 {.95:1}              conf .95,  acc 1,   gap .05, n 1
    // ECE = (2·.25 + 2·.05 + 3·.15 + .05) / 8 = 1.1 / 8 = 0.1375; MCE = .25
    const mass = calibrate(D, { bins: 4, bootstrap: 0 }).metrics.equalMass;
    expect(mass.bins.map((b) => b.count)).toEqual([2, 2, 3, 1]);
    expect(mass.ece).toBeCloseTo(0.1375, 12);
    expect(mass.mce).toBeCloseTo(0.25, 12);
    expect(mass.bins[2]).toMatchObject({ lo: 0.75, hi: 0.85 });
  });

  it('Brier score and its decomposition', () => {
    // (f - o)²: .05²=.0025 .15²=.0225 .85²=.7225 .25²=.0625 .65²=.4225 .55²=.3025 .35²=.1225 .15²=.0225
    // BS = 1.68 / 8 = 0.21
    // ō = 4/8 = .5, UNC = .5·.5 = .25
    // REL = (1·.05² + 2·.35² + .25² + .65² + .55² + .35² + .15²) / 8
    //     = (.0025 + .245 + .0625 + .4225 + .3025 + .1225 + .0225) / 8 = 1.18 / 8 = 0.1475
    // RES = Σ n_k (ō_k - .5)² / 8: six bins with ō_k in {0, 1} give .25 each, bin 8 (ō = .5) gives 0
    //     = 1.5 / 8 = 0.1875
    // Forecasts are constant within every bin, so WBV = WBC = 0 and
    // REL - RES + UNC = .1475 - .1875 + .25 = .21 = BS.
    expect(m.brier.score).toBeCloseTo(0.21, 12);
    expect(m.brier.reliability).toBeCloseTo(0.1475, 12);
    expect(m.brier.resolution).toBeCloseTo(0.1875, 12);
    expect(m.brier.uncertainty).toBeCloseTo(0.25, 12);
    expect(m.brier.withinBinVariance).toBeCloseTo(0, 12);
    expect(m.brier.withinBinCovariance).toBeCloseTo(0, 12);
  });

  it('log loss', () => {
    // -(1/8)[ln .95 + ln .85 + ln .15 + ln .75 + ln .35 + ln .45 + ln .65 + ln .85]
    // = (0.051293 + 0.162519 + 1.897120 + 0.287682 + 1.049822 + 0.798508 + 0.430783 + 0.162519) / 8
    // = 4.840246 / 8 = 0.605031
    expect(m.logLoss).toBeCloseTo(0.605031, 6);
  });

  it('AUROC counts a tie as one half', () => {
    // Right: .95 .85 .75 .45; wrong: .85 .65 .35 .15; 16 pairs (right above wrong = 1, tie = 1/2):
    //   .95: 4   .85: 3 + 0.5 (tie with the wrong .85)   .75: 3   .45: 2   → 12.5 / 16 = 0.78125
    expect(m.auroc).toBe(0.78125);
  });

  it('risk-coverage curve, AURC and the prediction-rejection ratio', () => {
    // Accept the most confident k answers; risk(k) = errors / k. In the tie at .85 (one error) the
    // error counts 1/2 after the first of the two: risk(2) = .5/2 = .25, risk(3) = 1/3.
    //   k:    1   2    3    4    5    6    7    8
    //   risk: 0  .25  1/3  1/4  2/5  2/6  3/7  4/8   sum = 2.495238  → AURC = 0.311905
    // Oracle (4 right first): k = 5..8: 1/5 + 2/6 + 3/7 + 4/8 = 1.461905 → 0.182738
    // Random: the error rate .5 at every k → 0.5
    // PRR = (.5 - .311905) / (.5 - .182738) = 0.592871
    expect(m.aurc).toBeCloseTo(0.311905, 6);
    expect(m.prr).toBeCloseTo(0.592871, 6);
    expect(report.riskCoverage.map((p) => [p.threshold, p.accepted])).toEqual([
      [0.95, 1],
      [0.85, 3],
      [0.75, 4],
      [0.65, 5],
      [0.45, 6],
      [0.35, 7],
      [0.15, 8],
    ]);
    expect(report.riskCoverage[1]!.risk).toBeCloseTo(1 / 3, 12);
  });

  it('isotonic map: pool-adjacent-violators', () => {
    // Ascending outcomes .15:0 .35:0 .45:1 .65:0 .75:1 .85:(1+0)/2 .95:1
    // .45:1 then .65:0 violates → pool to .5; .75:1 then .85:.5 (weight 2) violates → (1+1+0)/3 = 2/3.
    // Knots: x .15 .35 .45 .65 .75 .85 .95 → y 0 0 .5 .5 2/3 2/3 1.
    // Between knots it interpolates: f(.7) = .5 + (2/3 - .5)·(.7 - .65)/(.75 - .65) = .583333
    const iso = report.maps.find((f) => f.map.kind === 'isotonic')!.map;
    expect(iso).toMatchObject({ x: [0.15, 0.35, 0.45, 0.65, 0.75, 0.85, 0.95] });
    if (iso.kind !== 'isotonic') throw new Error('expected isotonic');
    expect(iso.y.map((y) => Number(y.toFixed(6)))).toEqual([0, 0, 0.5, 0.5, 0.666667, 0.666667, 1]);
    expect(applyCalibrationMap(iso, 0.7)).toBeCloseTo(0.583333, 6);
    expect(applyCalibrationMap(iso, 0.01)).toBe(0);
    expect(applyCalibrationMap(iso, 0.99)).toBe(1);
  });

  it('review budget and error-recall target', () => {
    // Least confident first: .15 (wrong) .35 (wrong) .45 (right) .65 (wrong) ...; 4 errors.
    // Budget 25 % of 8 = 2 answers → flag conf <= .35: 2 flagged, 2 errors caught (recall .5,
    // precision 1). Budget 30 % = 2.4 answers → still 2 (a third would exceed it).
    expect(reviewByBudget(conf, right, 0.25)).toMatchObject({
      threshold: 0.35,
      flagged: 2,
      flaggedShare: 0.25,
      errorsCaught: 2,
      errors: 4,
      recall: 0.5,
      precision: 1,
    });
    expect(reviewByBudget(conf, right, 0.3)).toMatchObject({ threshold: 0.35, flagged: 2 });
    // Catch 75 % of 4 errors = 3: .15, .35, .45 (right), .65 (third error) → 4 flagged, threshold .65.
    expect(reviewByCatch(conf, right, 0.75)).toMatchObject({
      threshold: 0.65,
      flagged: 4,
      errorsCaught: 3,
      recall: 0.75,
      precision: 0.75,
    });
    // The tie at .85 cannot be split: a budget of 7/8 stops before it and flags 5.
    expect(reviewByBudget(conf, right, 6 / 8)).toMatchObject({ threshold: 0.75, flagged: 5 });
    expect(reviewByBudget(conf, right, 0)).toMatchObject({ threshold: null, flagged: 0, precision: null });
  });
});

describe('calibrate: fitted maps with a closed form', () => {
  // Four answers, all with confidence .9 (logit ln 9 = 2 ln 3), three right, one wrong.
  const four: CalibrationSample[] = [true, true, true, false].map((correct) => ({
    confidence: 0.9,
    correct,
  }));
  const report = calibrate(four, { bootstrap: 0 });

  it('temperature scaling: σ(ln 9 / T) must equal the accuracy 3/4 = σ(ln 3), so T = 2', () => {
    const map = report.maps.find((f) => f.map.kind === 'temperature')!.map;
    expect(map).toMatchObject({ kind: 'temperature' });
    if (map.kind !== 'temperature') throw new Error('expected temperature');
    expect(map.temperature).toBeCloseTo(2, 6);
    expect(applyCalibrationMap(map, 0.9)).toBeCloseTo(0.75, 6);
  });

  it('Platt scaling with smoothed targets: t+ = (3+1)/(3+2) = .8, t- = 1/(1+2); the fit is their mean', () => {
    // One distinct input, so the fitted probability equals the mean target: (3·.8 + 1/3)/4 = 0.683333
    const map = report.maps.find((f) => f.map.kind === 'platt')!.map;
    expect(applyCalibrationMap(map, 0.9)).toBeCloseTo(0.683333, 5);
  });

  it('isotonic on a single confidence is the accuracy', () => {
    const map = report.maps.find((f) => f.map.kind === 'isotonic')!.map;
    expect(applyCalibrationMap(map, 0.9)).toBe(0.75);
  });

  it('notes that everything is in-sample and that few answers make the ECE noisy', () => {
    expect(report.notes.join('\n')).toMatch(/in-sample/);
    expect(report.notes.join('\n')).toMatch(/only 4 answers for 10 bins/);
  });
});

describe('calibrate: degenerate sets and options', () => {
  it('all right: AUROC, PRR and recall are null (not NaN), with a note', () => {
    const all = [0.9, 0.8, 0.7].map((confidence) => ({ confidence, correct: true }));
    const report = calibrate(all, { bootstrap: 50, budget: 0.5, catch: 0.8 });
    expect(report.metrics.auroc).toBeNull();
    expect(report.metrics.prr).toBeNull();
    expect(report.budget?.recall).toBeNull();
    expect(report.catch).toMatchObject({ flagged: 0, recall: null });
    expect(report.notes.join('\n')).toMatch(/every evaluated answer was right/);
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
  });

  it('confidence 1 on every right answer: every bootstrap ECE is 0', () => {
    const sure = Array.from({ length: 20 }, () => ({ confidence: 1, correct: true }));
    const m = calibrate(sure, { bootstrap: 200 }).metrics;
    expect(m.equalWidth.eceInterval).toEqual([0, 0]);
    expect(m.equalMass.eceInterval).toEqual([0, 0]);
  });

  it('the bootstrap interval is seeded: same seed, same interval', () => {
    const a = calibrate(D, { bootstrap: 300, seed: 7 }).metrics.equalWidth.eceInterval!;
    const b = calibrate(D, { bootstrap: 300, seed: 7 }).metrics.equalWidth.eceInterval!;
    const c = calibrate(D, { bootstrap: 300, seed: 8 }).metrics.equalWidth.eceInterval!;
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    expect(a[0]).toBeLessThanOrEqual(a[1]);
    expect(a[0]).toBeGreaterThanOrEqual(0);
    expect(a[1]).toBeLessThanOrEqual(1);
  });

  it('split: fits on one part and evaluates on the other, reproducibly', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ confidence: (i + 0.5) / 40, correct: i % 3 !== 0 }));
    const a = calibrate(rows, { split: 0.25, seed: 3, bootstrap: 0 });
    expect(a).toMatchObject({
      rows: 40,
      fittedRows: 10,
      evaluatedRows: 30,
      split: { fraction: 0.25, seed: 3 },
    });
    expect(a.metrics.count).toBe(30);
    expect(a.notes.join('\n')).not.toMatch(/in-sample/);
    expect(calibrate(rows, { split: 0.25, seed: 3, bootstrap: 0 }).metrics).toEqual(a.metrics);
  });

  it('rejects options out of range and an empty set', () => {
    expect(() => calibrate(D, { bins: 0 })).toThrow(InvalidOptionError);
    expect(() => calibrate(D, { bins: 2.5 })).toThrow(
      /invalid bins: expected an integer in 1\.\.1000, got 2\.5/,
    );
    expect(() => calibrate(D, { bootstrap: -1 })).toThrow(InvalidOptionError);
    expect(() => calibrate(D, { split: 1 })).toThrow(/invalid split/);
    expect(() => calibrate(D, { split: 0.01 })).toThrow(/leaves no row to fit on/);
    expect(() => calibrate(D, { budget: 1.2 })).toThrow(/invalid budget/);
    expect(() => calibrate(D, { catch: -0.1 })).toThrow(/invalid catch/);
    expect(() => calibrate([], {})).toThrow(EmptyInputError);
  });
});
