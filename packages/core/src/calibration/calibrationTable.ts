/**
 * The rows every calibration renderer shows, as plain strings: one metric per row, one column for the
 * raw confidence and one per fitted map. Shared so the text, Markdown and HTML reports agree.
 */

import type { CalibrationMap } from './CalibrationMap.js';
import type { CalibrationReport } from './calibrate.js';
import type { CalibrationMetrics } from './calibrationMetrics.js';
import type { ReviewThreshold } from './reviewThreshold.js';

export interface MetricRow {
  label: string;
  /** Raw, then one value per fitted map, in the report's order. */
  values: string[];
  /** True for a row that details the one above it (indented in text). */
  detail?: boolean;
}

const MAP_NAMES: Record<CalibrationMap['kind'], string> = {
  platt: 'Platt',
  isotonic: 'isotonic',
  temperature: 'temperature',
};

/** A map's name as the reports show it. */
export function mapName(kind: CalibrationMap['kind']): string {
  return MAP_NAMES[kind];
}

/** Column headings: the raw confidence, then each map. */
export function tableColumns(report: CalibrationReport): string[] {
  return ['raw', ...report.maps.map((m) => MAP_NAMES[m.map.kind])];
}

export function num(x: number | null, digits = 3): string {
  return x === null || !Number.isFinite(x) ? 'n/a' : x.toFixed(digits);
}

export function pct(x: number | null): string {
  return x === null || !Number.isFinite(x) ? 'n/a' : `${(x * 100).toFixed(1)} %`;
}

export function metricRows(report: CalibrationReport): MetricRow[] {
  const all = [report.metrics, ...report.maps.map((m) => m.metrics)];
  const row = (label: string, get: (m: CalibrationMetrics) => string, detail = false): MetricRow => ({
    label,
    values: all.map(get),
    ...(detail ? { detail } : {}),
  });
  const interval = (range: [number, number] | null) =>
    range === null ? '' : `${num(range[0])}–${num(range[1])}`;
  const rows: MetricRow[] = [
    row(`ECE, ${report.bins} equal-width bins`, (m) => num(m.equalWidth.ece)),
    row('95 % bootstrap interval', (m) => interval(m.equalWidth.eceInterval), true),
    row(`ECE, ${report.bins} equal-mass bins`, (m) => num(m.equalMass.ece)),
    row('95 % bootstrap interval', (m) => interval(m.equalMass.eceInterval), true),
    row('MCE (equal width)', (m) => num(m.equalWidth.mce)),
    row('Brier score', (m) => num(m.brier.score, 4)),
    row('reliability (lower is better)', (m) => num(m.brier.reliability, 4), true),
    row('resolution (higher is better)', (m) => num(m.brier.resolution, 4), true),
    row('uncertainty', (m) => num(m.brier.uncertainty, 4), true),
    row(
      'within-bin variance − covariance',
      (m) => num(m.brier.withinBinVariance - m.brier.withinBinCovariance, 4),
      true,
    ),
    row('log loss (nats)', (m) => num(m.logLoss, 4)),
    row('AUROC', (m) => num(m.auroc)),
    row('AURC (lower is better)', (m) => num(m.aurc, 4)),
    row('prediction-rejection ratio', (m) => num(m.prr)),
    row('mean confidence', (m) => pct(m.meanConfidence)),
  ];
  return rows;
}

/** One line per fitted map: its parameters. */
export function describeMap(map: CalibrationMap): string {
  switch (map.kind) {
    case 'platt':
      return `Platt: p' = σ(${num(map.a)} · logit(p) ${map.b < 0 ? '−' : '+'} ${num(Math.abs(map.b))})`;
    case 'temperature':
      return `temperature: T = ${num(map.temperature)} (${map.temperature > 1 ? 'softens: the raw confidence was too sure' : map.temperature < 1 ? 'sharpens: the raw confidence was too timid' : 'no change'})`;
    case 'isotonic':
      return `isotonic: ${new Set(map.y).size} steps over ${map.x.length} knots`;
  }
}

/** The review threshold in one sentence. */
export function describeReview(review: ReviewThreshold, kind: 'budget' | 'catch'): string {
  const ask =
    kind === 'budget'
      ? `Flag at most ${pct(review.target)} of answers`
      : `Catch ${pct(review.target)} of errors`;
  if (review.errors === 0) return `${ask}: no answer was wrong, so there is nothing to catch.`;
  if (review.threshold === null) {
    return `${ask}: no answer can be flagged (the least confident answers alone exceed the budget).`;
  }
  return (
    `${ask}: flag confidence ≤ ${num(review.threshold, 4)} → ${review.flagged} answers (${pct(review.flaggedShare)}), ` +
    `catching ${review.errorsCaught} of ${review.errors} errors (recall ${pct(review.recall)}, precision ${pct(review.precision)}).`
  );
}

/** Risk at a few coverages: the smallest accepted set that covers at least each share. */
export function riskAtCoverages(
  report: CalibrationReport,
  coverages: readonly number[] = [1, 0.9, 0.8, 0.7, 0.6, 0.5],
): Array<{ coverage: number; point: CalibrationReport['riskCoverage'][number] }> {
  const out: Array<{ coverage: number; point: CalibrationReport['riskCoverage'][number] }> = [];
  for (const coverage of coverages) {
    const point = report.riskCoverage.find((p) => p.coverage >= coverage - 1e-12);
    if (point !== undefined) out.push({ coverage, point });
  }
  return out;
}
