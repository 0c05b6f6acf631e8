/**
 * The calibration report as one self-contained HTML page: the metrics table, reliability diagrams
 * (SVG, inline) for the raw confidence under both binnings and for each fitted map, the risk at a
 * few coverages, the review thresholds and the notes. All text is escaped.
 */
import { escapeHtml } from '../render/escapeHtml.js';
import type { CalibrationReport } from './calibrate.js';
import {
  describeMap,
  describeReview,
  mapName,
  metricRows,
  num,
  pct,
  riskAtCoverages,
  tableColumns,
} from './calibrationTable.js';
import type { SignalCalibrationComparison } from './compareSignalCalibration.js';
import { reliabilityDiagramSvg } from './reliabilityDiagramSvg.js';
import { renderSignalComparisonHtml } from './renderSignalComparison.js';

export interface CalibrationHtmlOptions {
  title?: string;
  /** Both confidence signals compared on the same labels (`calibrate --dataset` with `--confidence both` runs). */
  signals?: SignalCalibrationComparison;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr.detail td:first-child{padding-left:1.6rem;color:#555}
.diagrams{display:flex;flex-wrap:wrap;gap:1rem}.notes li{color:#8a4b00}`;

export function renderCalibrationHtml(
  report: CalibrationReport,
  options: CalibrationHtmlOptions = {},
): string {
  const title = options.title ?? 'Calibration';
  const m = report.metrics;
  const columns = tableColumns(report);
  const rows = metricRows(report)
    .map(
      (r) =>
        `<tr${r.detail ? ' class="detail"' : ''}><td>${escapeHtml(r.label)}</td>${r.values.map((v) => `<td class="n">${escapeHtml(v)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const diagrams = [
    reliabilityDiagramSvg(m.equalWidth.bins, { title: `Raw confidence, ${report.bins} equal-width bins` }),
    reliabilityDiagramSvg(m.equalMass.bins, { title: `Raw confidence, ${report.bins} equal-mass bins` }),
    ...report.maps.map((f) =>
      reliabilityDiagramSvg(f.metrics.equalWidth.bins, {
        title: `After ${mapName(f.map.kind)} scaling, equal-width bins`,
      }),
    ),
  ];
  const risk = riskAtCoverages(report)
    .map(
      ({ coverage, point }) =>
        `<tr><td class="n">${pct(coverage)}</td><td class="n">${num(point.threshold, 4)}</td><td class="n">${point.accepted}</td><td class="n">${pct(point.risk)}</td></tr>`,
    )
    .join('\n');
  const review = [
    report.budget === null ? null : describeReview(report.budget, 'budget'),
    report.catch === null ? null : describeReview(report.catch, 'catch'),
  ].filter((s): s is string => s !== null);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${m.count} answers: ${m.correct} right (${pct(m.accuracy)}), mean confidence ${pct(m.meanConfidence)}.${
    report.split === null
      ? ''
      : ` Maps fitted on ${report.fittedRows} rows, evaluated on the other ${report.evaluatedRows} (split ${report.split.fraction}, seed ${report.split.seed}).`
  }</p>
<table>
<thead><tr><th>metric</th>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>Fitted maps</h2>
<ul>${report.maps.map((f) => `<li>${escapeHtml(describeMap(f.map))}</li>`).join('')}</ul>
<h2>Reliability diagrams</h2>
<div class="diagrams">
${diagrams.join('\n')}
</div>
<h2>Risk at coverage</h2>
<table>
<thead><tr><th>coverage</th><th>accept confidence ≥</th><th>answers</th><th>error rate</th></tr></thead>
<tbody>
${risk}
</tbody>
</table>
${review.length === 0 ? '' : `<h2>Review</h2>\n<ul>${review.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`}
${options.signals === undefined ? '' : renderSignalComparisonHtml(options.signals)}
${report.notes.length === 0 ? '' : `<h2>Notes</h2>\n<ul class="notes">${report.notes.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`}
</body>
</html>
`;
}
