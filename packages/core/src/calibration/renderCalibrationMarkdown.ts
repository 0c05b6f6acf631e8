/** The calibration report as GitHub-flavoured Markdown: the same tables as the text report. */
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

export function renderCalibrationMarkdown(report: CalibrationReport): string {
  const m = report.metrics;
  const out: string[] = ['# Calibration', ''];
  out.push(
    `${m.count} answers: ${m.correct} right (${pct(m.accuracy)}), mean confidence ${pct(m.meanConfidence)}.` +
      (report.split === null
        ? ''
        : ` Maps fitted on ${report.fittedRows} rows, evaluated on the other ${report.evaluatedRows} (split ${report.split.fraction}, seed ${report.split.seed}).`),
    '',
  );
  const columns = tableColumns(report);
  out.push(`| metric | ${columns.join(' | ')} |`, `|---|${columns.map(() => '---:').join('|')}|`);
  for (const r of metricRows(report))
    out.push(`| ${r.detail ? '&nbsp;&nbsp;' : ''}${r.label} | ${r.values.join(' | ')} |`);
  out.push('', '## Fitted maps', '');
  for (const fitted of report.maps) out.push(`- ${describeMap(fitted.map)}`);
  out.push(
    '',
    '## Reliability (raw, equal-width bins)',
    '',
    '| bin | answers | mean confidence | accuracy | gap |',
    '|---|---:|---:|---:|---:|',
  );
  for (const bin of m.equalWidth.bins) {
    const gap =
      bin.accuracy === null || bin.meanConfidence === null ? null : bin.accuracy - bin.meanConfidence;
    out.push(
      `| ${bin.lo.toFixed(1)}–${bin.hi.toFixed(1)} | ${bin.count} | ${pct(bin.meanConfidence)} | ${pct(bin.accuracy)} | ${gap === null ? 'n/a' : `${gap >= 0 ? '+' : '−'}${num(Math.abs(gap))}`} |`,
    );
  }
  out.push(
    '',
    '## Risk at coverage',
    '',
    '| coverage | accept confidence ≥ | answers | error rate |',
    '|---:|---:|---:|---:|',
  );
  for (const { coverage, point } of riskAtCoverages(report)) {
    out.push(`| ${pct(coverage)} | ${num(point.threshold, 4)} | ${point.accepted} | ${pct(point.risk)} |`);
  }
  if (report.budget !== null || report.catch !== null) out.push('', '## Review', '');
  if (report.budget !== null) out.push(`- ${describeReview(report.budget, 'budget')}`);
  if (report.catch !== null) out.push(`- ${describeReview(report.catch, 'catch')}`);
  if (report.notes.length > 0) {
    out.push('', '## Notes', '');
    for (const note of report.notes) out.push(`- ${note}`);
  }
  return `${out.join('\n')}\n`;
}
