/**
 * A dataset summary for a terminal: the filter and the gate thresholds, a totals block, the groups
 * side by side (one column each, wrapped to the width), a histogram of the answers' mean logprob,
 * the lowest-confidence critical facts with their runs, failed batch rows, and the disclaimer.
 * Every text from the store (model names, tags, facts) has its control characters escaped.
 */
import { formatMeanLogprob } from '../gating/formatMeanLogprob.js';
import { escapeControls, quoteText } from '../render/escapeControls.js';
import { formatProbability } from '../render/formatProbability.js';
import { DISCLAIMER } from '../render/legend.js';
import type { DatasetGroupStats, DatasetSummary, HistogramBin } from '../runs/Dataset.js';
import {
  binRange,
  describeFilter,
  describeThresholds,
  describeTimeRange,
  formatCount,
  formatRate,
  groupByName,
  SUMMARY_ROWS,
  summaryColumns,
} from './datasetSummaryTable.js';

export interface DatasetSummaryTextOptions {
  /** Line width the groups table wraps to (default 100). */
  width?: number;
}

/** Longest group heading before it is shortened with `…`. */
const MAX_LABEL = 24;
const BAR = 30;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

const safe = (text: string) => escapeControls(text, { newline: false, tab: false });

export function renderDatasetSummaryText(
  summary: DatasetSummary,
  options: DatasetSummaryTextOptions = {},
): string {
  const { query, total } = summary;
  const lines: string[] = [];
  const title =
    query.dataset === undefined ? 'Run history summary' : `Dataset summary: ${quoteText(query.dataset)}`;
  lines.push(query.groupBy === 'none' ? title : `${title}, grouped by ${groupByName(query.groupBy)}`);
  lines.push(`filter: ${safe(describeFilter(query))}`);
  lines.push(`gate: ${describeThresholds(summary)}`);
  lines.push('');
  if (total.answers === 0) {
    lines.push('No runs match this filter.', '', DISCLAIMER);
    return `${lines.join('\n')}\n`;
  }
  lines.push(...totals(total), '');
  if (query.groupBy !== 'none') {
    lines.push(...groupsTable(summary, options.width ?? 100), '');
  }
  lines.push(...histogram(total), '');
  if (summary.lowConfidenceFacts.length > 0) {
    lines.push('Lowest-confidence critical facts (lowest token probability first)');
    const kindWidth = Math.max(...summary.lowConfidenceFacts.map((f) => f.kind.length));
    for (const fact of summary.lowConfidenceFacts) {
      lines.push(
        `  ${formatProbability(fact.minProb, 'below top-k').padStart(11)}  ${fact.kind.padEnd(kindWidth)}  run ${safe(fact.runId)}  ${quoteText(fact.text)}`,
      );
    }
    lines.push('');
  }
  if (query.dataset !== undefined) {
    lines.push(
      summary.failedRows === 0
        ? 'Failed batch rows: 0'
        : `Failed batch rows: ${formatCount(summary.failedRows)} (no run stored for them; not in these figures)`,
      '',
    );
  }
  lines.push(DISCLAIMER);
  return `${lines.join('\n')}\n`;
}

function totals(s: DatasetGroupStats): string[] {
  const range = describeTimeRange(s);
  const p = s.percentiles;
  const lines = [
    `Totals: ${formatCount(s.answers)} answer${s.answers === 1 ? '' : 's'}, ${formatCount(s.tokens)} tokens${range === null ? '' : `, ${range}`}`,
    `  mean logprob ${formatMeanLogprob(s.meanLogprob)}${
      p === null
        ? ''
        : `  (p10 ${formatMeanLogprob(p.p10)}, p25 ${formatMeanLogprob(p.p25)}, p50 ${formatMeanLogprob(p.p50)}, p75 ${formatMeanLogprob(p.p75)}, p90 ${formatMeanLogprob(p.p90)})`
    }`,
    `  flagged tokens ${formatRate(s.flaggedTokenRate)}; answers with a low-confidence span ${formatRate(s.flaggedAnswerRate)}`,
    `  verdicts: ${formatCount(s.verdicts.publish)} publish, ${formatCount(s.verdicts.review)} review (review rate ${formatRate(s.reviewRate)}); ${formatCount(s.reviewSentences)} of ${formatCount(s.sentences)} sentences sent to review`,
    `  low-confidence critical facts: ${formatCount(s.lowConfidenceFacts)}`,
    `  reviewed by people: ${formatCount(s.reviewed.answers)} answer${s.reviewed.answers === 1 ? '' : 's'} (${formatCount(s.reviewed.rejected)} with a rejected or edited sentence, ${formatCount(s.reviewed.approved)} approved)`,
  ];
  return lines;
}

function shorten(label: string): string {
  const clean = safe(label);
  return clean.length <= MAX_LABEL ? clean : `${clean.slice(0, MAX_LABEL - 1)}…`;
}

/** Figures as rows, groups as columns; the columns wrap into blocks that fit `width`. */
function groupsTable(summary: DatasetSummary, width: number): string[] {
  const columns = summaryColumns(summary).map((c) => {
    const label = shorten(c.label);
    const cells = SUMMARY_ROWS.map((row) => row.cell(c.stats));
    return { label, cells, width: Math.max(label.length, ...cells.map((cell) => cell.length)) };
  });
  const labelWidth = Math.max(...SUMMARY_ROWS.map((r) => r.label.length));
  const blocks: Array<typeof columns> = [];
  let used = labelWidth;
  for (const column of columns) {
    const last = blocks.at(-1);
    if (last !== undefined && used + 2 + column.width <= width) {
      last.push(column);
      used += 2 + column.width;
    } else {
      blocks.push([column]);
      used = labelWidth + 2 + column.width;
    }
  }
  const lines = [`By ${groupByName(summary.query.groupBy)} (${formatCount(summary.groups.length)} groups)`];
  for (const [b, block] of blocks.entries()) {
    if (b > 0) lines.push('');
    const line = (label: string, cells: string[]) =>
      `${label.padEnd(labelWidth)}  ${cells.map((cell, i) => cell.padStart(block[i]!.width)).join('  ')}`.trimEnd();
    lines.push(
      line(
        '',
        block.map((c) => c.label),
      ),
    );
    SUMMARY_ROWS.forEach((row, r) => {
      lines.push(
        line(
          row.label,
          block.map((c) => c.cells[r]!),
        ),
      );
    });
  }
  return lines;
}

/** One line per bin from the first to the last non-empty one; bars scaled to the fullest bin. */
function histogram(s: DatasetGroupStats): string[] {
  const withTokens = s.histogram.reduce((sum, bin) => sum + bin.count, 0);
  const heading = `Mean logprob per answer (${formatCount(withTokens)} answer${withTokens === 1 ? '' : 's'} with tokens)`;
  const first = s.histogram.findIndex((bin) => bin.count > 0);
  if (first === -1) return [heading, '  (no answer has tokens)'];
  const last = s.histogram.findLastIndex((bin) => bin.count > 0);
  const max = Math.max(...s.histogram.map((bin) => bin.count));
  const shown = s.histogram
    .slice(first, last + 1)
    .map((bin, i) => ({ bin, range: binRange(bin, first + i) }));
  const rangeWidth = Math.max(...shown.map((x) => x.range.length));
  return [
    heading,
    ...shown.map(
      ({ bin, range }) => `  ${range.padStart(rangeWidth)} │${bar(bin, max)} ${formatCount(bin.count)}`,
    ),
  ];
}

function bar(bin: HistogramBin, max: number): string {
  const eighths = Math.round((bin.count / max) * BAR * 8);
  // A bin with answers always shows at least a sliver.
  const shown = bin.count > 0 ? Math.max(1, eighths) : 0;
  const text = '█'.repeat(Math.floor(shown / 8)) + EIGHTHS[shown % 8];
  return text.padEnd(BAR);
}
