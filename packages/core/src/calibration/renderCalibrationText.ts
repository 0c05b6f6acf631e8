/**
 * The calibration report for a terminal: a metrics table (raw and each fitted map), the fitted
 * parameters, a text reliability diagram, the risk at a few coverages and the review thresholds.
 * With `color`, headings are bold and the diagram's gap marks are coloured; text stays readable
 * without colour (no meaning in colour alone).
 */
import type { CalibrationReport } from './calibrate.js';
import {
  describeMap,
  describeReview,
  metricRows,
  num,
  pct,
  riskAtCoverages,
  tableColumns,
} from './calibrationTable.js';
import type { CalibrationBin } from './summarizeBins.js';

export interface CalibrationTextOptions {
  color?: boolean;
}

const BAR = 24;

export function renderCalibrationText(
  report: CalibrationReport,
  options: CalibrationTextOptions = {},
): string {
  const bold = (s: string) => (options.color === true ? `\u001b[1m${s}\u001b[0m` : s);
  const red = (s: string) => (options.color === true ? `\u001b[31m${s}\u001b[0m` : s);
  const m = report.metrics;
  const lines: string[] = [];
  lines.push(
    bold(
      `Calibration of ${m.count} answers: ${m.correct} right (${pct(m.accuracy)}), mean confidence ${pct(m.meanConfidence)}`,
    ),
  );
  if (report.split !== null) {
    lines.push(
      `maps fitted on ${report.fittedRows} rows, evaluated on the other ${report.evaluatedRows} (split ${report.split.fraction}, seed ${report.split.seed})`,
    );
  }
  lines.push('');
  const columns = tableColumns(report);
  const rows = metricRows(report);
  const labelWidth = Math.max(...rows.map((r) => r.label.length + (r.detail ? 2 : 0)));
  const colWidth = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r.values[i]!.length)));
  const line = (label: string, cells: string[]) =>
    `${label.padEnd(labelWidth)}  ${cells.map((c, i) => c.padStart(colWidth[i]!)).join('  ')}`.trimEnd();
  lines.push(bold(line('', columns)));
  for (const r of rows) lines.push(line(r.detail ? `  ${r.label}` : r.label, r.values));
  lines.push('', bold('Fitted maps'));
  for (const fitted of report.maps) lines.push(`  ${describeMap(fitted.map)}`);
  lines.push('', bold(`Reliability (raw, equal-width bins): █ accuracy, ${red('│')} mean confidence`));
  for (const bin of m.equalWidth.bins) lines.push(`  ${diagramLine(bin, red)}`);
  lines.push('', bold('Risk at coverage (accept the most confident answers)'));
  for (const { coverage, point } of riskAtCoverages(report)) {
    lines.push(
      `  ${pct(coverage).padStart(7)}: accept confidence ≥ ${num(point.threshold, 4)} (${point.accepted} answers), error rate ${pct(point.risk)}`,
    );
  }
  if (report.budget !== null || report.catch !== null) lines.push('', bold('Review'));
  if (report.budget !== null) lines.push(`  ${describeReview(report.budget, 'budget')}`);
  if (report.catch !== null) lines.push(`  ${describeReview(report.catch, 'catch')}`);
  if (report.notes.length > 0) {
    lines.push('', bold('Notes'));
    for (const note of report.notes) lines.push(`  - ${note}`);
  }
  return `${lines.join('\n')}\n`;
}

function diagramLine(bin: CalibrationBin, mark: (s: string) => string): string {
  const range = `${bin.lo.toFixed(1)}–${bin.hi.toFixed(1)}`;
  if (bin.count === 0 || bin.accuracy === null || bin.meanConfidence === null) {
    return `${range} ${' '.repeat(BAR)}  (empty)`;
  }
  const filled = Math.round(bin.accuracy * BAR);
  const at = Math.min(BAR - 1, Math.round(bin.meanConfidence * BAR));
  const cells = Array.from({ length: BAR }, (_, i) => (i < filled ? '█' : '·'));
  const bar = cells.map((c, i) => (i === at ? mark('│') : c)).join('');
  return `${range} ${bar}  acc ${pct(bin.accuracy).padStart(7)}  conf ${pct(bin.meanConfidence).padStart(7)}  n ${bin.count}`;
}
