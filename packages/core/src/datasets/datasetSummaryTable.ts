/**
 * What every dataset summary renderer shows, as plain strings: the filter, the thresholds and their
 * source, the group columns and one row per figure. Shared so the text and HTML reports agree.
 */
import { formatMeanLogprob } from '../gating/formatMeanLogprob.js';
import { formatProbability } from '../render/formatProbability.js';
import type { DatasetGroupBy, DatasetGroupStats, DatasetSummary, HistogramBin } from '../runs/Dataset.js';

/** A count with thousands separators: `1,234,567`. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A share as a percentage (`12.5 %`, `< 0.1 %`, `0 %`). */
export function formatRate(x: number): string {
  return formatProbability(x);
}

const GROUP_NAMES: Record<DatasetGroupBy, string> = {
  none: 'nothing',
  model: 'model',
  promptVersion: 'prompt version',
  tag: 'tag',
  day: 'day (UTC)',
};

/** What the runs are grouped by, in words. */
export function groupByName(groupBy: DatasetGroupBy): string {
  return GROUP_NAMES[groupBy];
}

const NO_VALUE: Record<DatasetGroupBy, string> = {
  none: 'all',
  model: '(no model)',
  promptVersion: '(no version)',
  tag: '(no tag)',
  day: '(no day)',
};

/** A group's heading: its key, or what runs without a value are called. */
export function groupLabel(key: string | null, groupBy: DatasetGroupBy): string {
  return key === null ? NO_VALUE[groupBy] : key;
}

/** The columns of the groups table: the total first, then each group (just the total without grouping). */
export function summaryColumns(summary: DatasetSummary): Array<{ label: string; stats: DatasetGroupStats }> {
  const total = { label: 'all', stats: summary.total };
  if (summary.query.groupBy === 'none') return [total];
  return [
    total,
    ...summary.groups.map((g) => ({ label: groupLabel(g.key, summary.query.groupBy), stats: g })),
  ];
}

/** The filter as one line of `name value` pairs; `none (the whole history)` without a filter. */
export function describeFilter(query: DatasetSummary['query']): string {
  const parts: string[] = [];
  const quoted = (s: string) => JSON.stringify(s);
  if (query.dataset !== undefined) parts.push(`dataset ${quoted(query.dataset)}`);
  if (query.model !== undefined) parts.push(`model ${quoted(query.model)}`);
  if (query.promptVersion !== undefined) parts.push(`prompt version ${quoted(query.promptVersion)}`);
  if (query.tag !== undefined) parts.push(`tag ${quoted(query.tag)}`);
  if (query.source !== undefined) parts.push(`source ${query.source}`);
  if (query.verdict !== undefined) parts.push(`verdict ${query.verdict}`);
  if (query.since !== undefined) parts.push(`since ${query.since}`);
  if (query.until !== undefined) parts.push(`until ${query.until}`);
  if (query.search !== undefined) parts.push(`search ${quoted(query.search)}`);
  return parts.length === 0 ? 'none (the whole history)' : parts.join(', ');
}

const SOURCES: Record<DatasetSummary['thresholdsSource'], string> = {
  query: 'set for this report',
  dataset: "the dataset's saved thresholds",
  default: "Tokenscope's defaults",
};

/** The gate thresholds and where they came from. */
export function describeThresholds(summary: DatasetSummary): string {
  const { publish, review } = summary.thresholds;
  return `publish above a mean logprob of ${publish}, review below ${review} (${SOURCES[summary.thresholdsSource]})`;
}

/** One figure per row, one cell per column of `summaryColumns`. */
export interface SummaryRow {
  label: string;
  cell: (stats: DatasetGroupStats) => string;
}

/** The figures of the groups table, in order. */
export const SUMMARY_ROWS: readonly SummaryRow[] = [
  { label: 'answers', cell: (s) => formatCount(s.answers) },
  { label: 'tokens', cell: (s) => formatCount(s.tokens) },
  { label: 'mean logprob', cell: (s) => formatMeanLogprob(s.meanLogprob) },
  { label: 'p10', cell: (s) => (s.percentiles === null ? 'n/a' : formatMeanLogprob(s.percentiles.p10)) },
  { label: 'p50', cell: (s) => (s.percentiles === null ? 'n/a' : formatMeanLogprob(s.percentiles.p50)) },
  { label: 'p90', cell: (s) => (s.percentiles === null ? 'n/a' : formatMeanLogprob(s.percentiles.p90)) },
  { label: 'flagged tokens', cell: (s) => formatRate(s.flaggedTokenRate) },
  { label: 'flagged answers', cell: (s) => formatRate(s.flaggedAnswerRate) },
  { label: 'review rate', cell: (s) => formatRate(s.reviewRate) },
  { label: 'sentences to review', cell: (s) => formatCount(s.reviewSentences) },
  { label: 'low-confidence facts', cell: (s) => formatCount(s.lowConfidenceFacts) },
  {
    label: 'reviewed (rejected/approved)',
    cell: (s) => `${formatCount(s.reviewed.rejected)}/${formatCount(s.reviewed.approved)}`,
  },
];

/**
 * A histogram bin's range: `< -3.80` for the first (which also counts the answers below it),
 * `-0.20 – 0` for the last (which includes 0), else `-1.20 – -1.00`.
 */
export function binRange(bin: HistogramBin, index: number): string {
  const to = bin.to === 0 ? '0' : bin.to.toFixed(2);
  return index === 0 ? `< ${to}` : `${bin.from.toFixed(2)} – ${to}`;
}

/** `2026-03-01 10:00 – 2026-03-04 18:12 UTC` (to the minute; one time when both are equal), or null without runs. */
export function describeTimeRange(stats: DatasetGroupStats): string | null {
  if (stats.firstAt === null || stats.lastAt === null) return null;
  const first = stats.firstAt.replace('T', ' ').slice(0, 16);
  const last = stats.lastAt.replace('T', ' ').slice(0, 16);
  return first === last ? `${first} UTC` : `${first} – ${last} UTC`;
}
