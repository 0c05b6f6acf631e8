/** Property tests of the calibration math (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyCalibrationMap,
  assignBins,
  auroc,
  brierScore,
  calibrationMetrics,
  fitIsotonic,
  fitPlatt,
  fitTemperature,
  seededRandom,
  sortForecasts,
} from '../index.js';

const probability = fc.double({ min: 0, max: 1, noNaN: true });
const rows = fc.array(fc.tuple(probability, fc.boolean()), { minLength: 1, maxLength: 60 });
const bins = fc.integer({ min: 1, max: 20 });

function split(data: Array<[number, boolean]>) {
  return { conf: data.map(([c]) => c), right: data.map(([, r]) => (r ? 1 : 0)) };
}

describe('calibration properties', () => {
  it('ECE and MCE lie in [0, 1], and ECE <= MCE, under both binnings', () => {
    fc.assert(
      fc.property(rows, bins, (data, k) => {
        const { conf, right } = split(data);
        const m = calibrationMetrics(sortForecasts(conf, right), k);
        for (const b of [m.equalWidth, m.equalMass]) {
          expect(b.ece).toBeGreaterThanOrEqual(0);
          expect(b.ece).toBeLessThanOrEqual(1);
          expect(b.ece).toBeLessThanOrEqual(b.mce + 1e-12);
          expect(b.bins.reduce((a, x) => a + x.count, 0)).toBe(data.length);
        }
      }),
    );
  });

  it('Brier decomposition: BS = REL - RES + UNC + WBV - WBC for any binning', () => {
    fc.assert(
      fc.property(rows, bins, fc.constantFrom('width' as const, 'mass' as const), (data, k, scheme) => {
        const { conf, right } = split(data);
        const sorted = sortForecasts(conf, right);
        const d = brierScore(
          sorted.confidences,
          sorted.correct,
          assignBins(sorted.confidences, k, scheme),
          k,
        );
        const sum =
          d.reliability - d.resolution + d.uncertainty + d.withinBinVariance - d.withinBinCovariance;
        expect(sum).toBeCloseTo(d.score, 12);
      }),
    );
  });

  it('with forecasts constant within bins, BS = REL - RES + UNC exactly (WBV = WBC = 0)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.boolean()), { minLength: 1, maxLength: 60 }),
        (data) => {
          // Each forecast is its bin's centre, so every bin holds one forecast value.
          const conf = data.map(([b]) => (b + 0.5) / 10);
          const right = data.map(([, r]) => (r ? 1 : 0));
          const d = brierScore(conf, right, assignBins(conf, 10, 'width'), 10);
          expect(d.withinBinVariance).toBeCloseTo(0, 14);
          expect(d.withinBinCovariance).toBeCloseTo(0, 14);
          expect(d.reliability - d.resolution + d.uncertainty).toBeCloseTo(d.score, 12);
        },
      ),
    );
  });

  it('isotonic fit is non-decreasing and keeps the mean of the outcomes in-sample', () => {
    fc.assert(
      fc.property(rows, (data) => {
        const { conf, right } = split(data);
        const map = fitIsotonic(conf, right);
        for (let i = 1; i < map.x.length; i++) {
          expect(map.x[i]!).toBeGreaterThanOrEqual(map.x[i - 1]!);
          expect(map.y[i]!).toBeGreaterThanOrEqual(map.y[i - 1]!);
        }
        const fitted = conf.map((c) => applyCalibrationMap({ kind: 'isotonic', ...map }, c));
        const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
        expect(mean(fitted)).toBeCloseTo(mean(right), 12);
      }),
    );
  });

  it('Platt and temperature scaling on perfectly calibrated synthetic data are about the identity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        // 4000 answers, confidence uniform in [.02, .98], each right with probability = confidence.
        const random = seededRandom(seed);
        const conf: number[] = [];
        const right: number[] = [];
        for (let i = 0; i < 4000; i++) {
          const c = 0.02 + 0.96 * random();
          conf.push(c);
          right.push(random() < c ? 1 : 0);
        }
        const { a, b } = fitPlatt(conf, right);
        expect(Math.abs(a - 1)).toBeLessThan(0.15);
        expect(Math.abs(b)).toBeLessThan(0.15);
        expect(Math.abs(fitTemperature(conf, right).temperature - 1)).toBeLessThan(0.15);
      }),
      { numRuns: 5 },
    );
  });

  it('AUROC of a perfect ranking is 1, of the reversed ranking 0, and it is rank-symmetric', () => {
    fc.assert(
      fc.property(rows, (data) => {
        const { conf, right } = split(data);
        const value = auroc(conf, right);
        const positives = right.reduce((a, b) => a + b, 0);
        if (positives === 0 || positives === data.length) {
          expect(value).toBeNull();
          return;
        }
        expect(value).not.toBeNull();
        expect(value!).toBeGreaterThanOrEqual(0);
        expect(value!).toBeLessThanOrEqual(1);
        expect(
          auroc(
            conf.map((c) => -c),
            right,
          ),
        ).toBeCloseTo(1 - value!, 12);
        // Scores that put every right answer above every wrong one.
        const perfect = right.map((r, i) => r + conf[i]! / 2);
        expect(auroc(perfect, right)).toBe(1);
        expect(
          auroc(
            perfect.map((s) => -s),
            right,
          ),
        ).toBe(0);
      }),
    );
  });
});
