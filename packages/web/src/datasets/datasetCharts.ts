/**
 * ECharts options of the datasets view, one per chart: the distribution of answers' mean logprob per
 * group (a box from the percentiles, or the histogram), the flagged / review rates per group, and the
 * mean logprob and review rate per day. Pure: groups and colours in, the option out. Group names are
 * the user's (model names, tags): the canvas draws them as text, the HTML tooltips escape them.
 */
import { type DatasetGroupStats, escapeHtml, formatLogprob, type GateThresholds } from '@tokenscope/core';

export interface DatasetChartColors {
  fg: string;
  muted: string;
  line: string;
  /** One colour per group, reused in order when there are more groups. */
  palette: readonly string[];
}

/** A group as the charts take it: its label (already worded) and its figures. */
export interface ChartGroup {
  label: string;
  stats: DatasetGroupStats;
}

/** Ten categorical colours that read on light and dark backgrounds (Tableau 10). */
export const GROUP_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
] as const;

/** The colour of group `i`. */
export function groupColor(colors: DatasetChartColors, i: number): string {
  return colors.palette[i % colors.palette.length] ?? colors.fg;
}

/** Height in px of a chart with one row per group (so any number of groups stays readable). */
export function rowsChartHeight(groups: number): number {
  return Math.max(200, 90 + 34 * groups);
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const round = (x: number, digits = 4) => Number(x.toFixed(digits));
/** At most 24 characters of a label on an axis (the tooltip has it whole). */
export function shortLabel(label: string): string {
  const chars = [...label];
  return chars.length > 24 ? `${chars.slice(0, 23).join('')}…` : label;
}

function valueAxis<E extends Record<string, unknown>>(c: DatasetChartColors, name: string, extra: E) {
  return {
    type: 'value' as const,
    name,
    nameLocation: 'middle' as const,
    nameGap: 26,
    nameTextStyle: { color: c.fg },
    axisLabel: { color: c.muted },
    axisLine: { lineStyle: { color: c.line } },
    splitLine: { lineStyle: { color: c.line, opacity: 0.5 } },
    ...extra,
  };
}

function groupAxis(c: DatasetChartColors, groups: readonly ChartGroup[]) {
  return {
    type: 'category' as const,
    inverse: true, // the first (largest) group on top, as in the table
    data: groups.map((g) => shortLabel(g.label)),
    axisLabel: { color: c.fg, width: 150, overflow: 'truncate' as const },
    axisLine: { lineStyle: { color: c.line } },
    axisTick: { show: false },
  };
}

/** The lowest value to show on a mean-logprob axis: below every group's p10, thresholds and -1. */
export function logprobAxisMin(groups: readonly ChartGroup[], thresholds: GateThresholds): number {
  let low = Math.min(-1, thresholds.review);
  for (const g of groups) if (g.stats.percentiles) low = Math.min(low, g.stats.percentiles.p10);
  return Math.floor(low * 2) / 2 - 0.5;
}

function thresholdLines(c: DatasetChartColors, thresholds: GateThresholds) {
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { color: c.muted, type: 'dashed' as const },
    // The group axis runs top to bottom (inverse), so a line's start is at the top.
    label: { color: c.muted, formatter: '{b}', position: 'start' as const },
    data: [
      { name: `publish ≥ ${thresholds.publish}`, xAxis: thresholds.publish },
      { name: `review < ${thresholds.review}`, xAxis: thresholds.review },
    ],
  };
}

/** A group's tooltip lines (the label escaped). */
export function groupTooltipHtml(g: ChartGroup): string {
  const s = g.stats;
  const p = s.percentiles;
  const rows = [
    `<b>${escapeHtml(g.label)}</b>`,
    `${s.answers} answer${s.answers === 1 ? '' : 's'} · ${s.tokens} tokens`,
    `mean logprob ${formatLogprob(s.meanLogprob)}`,
    p
      ? `p10 ${formatLogprob(p.p10)} · p25 ${formatLogprob(p.p25)} · p50 ${formatLogprob(p.p50)} · p75 ${formatLogprob(p.p75)} · p90 ${formatLogprob(p.p90)}`
      : 'no answer with tokens',
    `review rate ${pct(s.reviewRate)} · flagged answers ${pct(s.flaggedAnswerRate)}`,
  ];
  return rows.join('<br/>');
}

/**
 * Each group's answers' mean logprob as a box: whiskers at p10 and p90, the box from p25 to p75, the
 * median inside; the group's mean as a dot; the gate thresholds as dashed lines.
 */
export function distributionBoxOption(
  groups: readonly ChartGroup[],
  thresholds: GateThresholds,
  c: DatasetChartColors,
) {
  const boxes = {
    name: 'p10 – p90',
    type: 'boxplot' as const,
    boxWidth: [8, 22],
    data: groups.map((g, i) => {
      const p = g.stats.percentiles;
      const color = groupColor(c, i);
      return {
        value: p ? [p.p10, p.p25, p.p50, p.p75, p.p90].map((v) => round(v)) : ['-', '-', '-', '-', '-'],
        itemStyle: { color: `${color}55`, borderColor: color, borderWidth: 1.5 },
      };
    }),
    markLine: thresholdLines(c, thresholds),
  };
  const means = {
    name: 'mean',
    type: 'scatter' as const,
    symbol: 'diamond',
    symbolSize: 9,
    z: 3,
    itemStyle: { color: c.fg },
    data: groups.map((g, i) => (g.stats.meanLogprob === null ? ['-', i] : [round(g.stats.meanLogprob), i])),
  };
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 34, bottom: 44, containLabel: true },
    tooltip: {
      trigger: 'item' as const,
      confine: true,
      formatter: (params: { dataIndex: number }) => {
        const g = groups[params.dataIndex];
        return g ? groupTooltipHtml(g) : '';
      },
    },
    xAxis: valueAxis(c, 'mean token logprob per answer (nats; 0 = certain)', {
      min: logprobAxisMin(groups, thresholds),
      max: 0,
    }),
    yAxis: groupAxis(c, groups),
    series: [boxes, means] as [typeof boxes, typeof means],
  };
}

/** The label of a histogram bin: its range in nats. */
export function binLabel(bin: { from: number; to: number }): string {
  return `${bin.from.toFixed(1)} … ${bin.to.toFixed(1)}`;
}

/**
 * The histogram of each group's answers' mean logprob, as the share of the group's answers per bin
 * (so groups of different sizes compare), one bar series per group.
 */
export function distributionHistogramOption(groups: readonly ChartGroup[], c: DatasetChartColors) {
  const bins = groups[0]?.stats.histogram ?? [];
  return {
    animation: false,
    grid: { left: 30, right: 16, top: 36, bottom: 48, containLabel: true },
    legend: {
      top: 0,
      type: 'scroll' as const,
      textStyle: { color: c.fg },
      formatter: (name: string) => shortLabel(name),
    },
    tooltip: {
      trigger: 'axis' as const,
      confine: true,
      formatter: (params: Array<{ dataIndex: number; seriesIndex: number; value: number }>) => {
        const bin = bins[params[0]?.dataIndex ?? -1];
        if (!bin) return '';
        const lines = params.map((p) => {
          const g = groups[p.seriesIndex];
          const n = g?.stats.histogram[p.dataIndex]?.count ?? 0;
          return `${escapeHtml(g?.label ?? '')}: ${p.value.toFixed(1)} % (${n})`;
        });
        return [`mean logprob ${escapeHtml(binLabel(bin))}`, ...lines].join('<br/>');
      },
    },
    xAxis: {
      type: 'category' as const,
      data: bins.map((b) => b.from.toFixed(1)),
      name: 'mean token logprob per answer (bin start, nats)',
      nameLocation: 'middle' as const,
      nameGap: 30,
      nameTextStyle: { color: c.fg },
      axisLabel: { color: c.muted },
      axisLine: { lineStyle: { color: c.line } },
    },
    yAxis: valueAxis(c, 'share of the group’s answers (%)', { nameGap: 34 }),
    series: groups.map((g, i) => {
      const answers = g.stats.histogram.reduce((n, b) => n + b.count, 0);
      return {
        name: g.label,
        type: 'bar' as const,
        barGap: '10%',
        itemStyle: { color: groupColor(c, i) },
        data: g.stats.histogram.map((b) => (answers === 0 ? 0 : round((b.count / answers) * 100, 2))),
      };
    }),
  };
}

const RATES = [
  { key: 'flaggedTokenRate', name: 'flagged tokens' },
  { key: 'flaggedAnswerRate', name: 'answers with a low-confidence span' },
  { key: 'reviewRate', name: 'answers sent to review' },
] as const;

/** Per group: the flagged token rate, the flagged answer rate and the review rate (%). */
export function ratesOption(groups: readonly ChartGroup[], c: DatasetChartColors) {
  const colors = [c.palette[5] ?? c.fg, c.palette[1] ?? c.fg, c.palette[3] ?? c.fg];
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 36, bottom: 44, containLabel: true },
    legend: { top: 0, type: 'scroll' as const, textStyle: { color: c.fg } },
    tooltip: {
      trigger: 'axis' as const,
      confine: true,
      axisPointer: { type: 'shadow' as const },
      formatter: (params: Array<{ dataIndex: number; seriesName: string; value: number }>) => {
        const g = groups[params[0]?.dataIndex ?? -1];
        if (!g) return '';
        return [
          `<b>${escapeHtml(g.label)}</b> (${g.stats.answers} answers)`,
          ...params.map((p) => `${escapeHtml(p.seriesName)}: ${p.value.toFixed(1)} %`),
        ].join('<br/>');
      },
    },
    xAxis: valueAxis(c, 'rate (%)', { min: 0, max: 100 }),
    yAxis: groupAxis(c, groups),
    series: RATES.map((r, i) => ({
      name: r.name,
      type: 'bar' as const,
      itemStyle: { color: colors[i] },
      data: groups.map((g) => round(g.stats[r.key] * 100, 2)),
    })),
  };
}

/** Per day (groups of `groupBy: 'day'`, oldest first): the mean logprob and the review rate. */
export function overTimeOption(days: readonly DatasetGroupStats[], c: DatasetChartColors) {
  const labels = days.map((d) => d.key ?? '');
  return {
    animation: false,
    grid: { left: 30, right: 30, top: 36, bottom: 30, containLabel: true },
    legend: { top: 0, type: 'scroll' as const, textStyle: { color: c.fg } },
    tooltip: {
      trigger: 'axis' as const,
      confine: true,
      formatter: (params: Array<{ dataIndex: number }>) => {
        const d = days[params[0]?.dataIndex ?? -1];
        if (!d) return '';
        return [
          `<b>${escapeHtml(d.key ?? '')}</b> (${d.answers} answers)`,
          `mean logprob ${formatLogprob(d.meanLogprob)}`,
          `review rate ${pct(d.reviewRate)}`,
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'category' as const,
      data: labels,
      axisLabel: { color: c.muted },
      axisLine: { lineStyle: { color: c.line } },
    },
    yAxis: [
      valueAxis(c, 'mean logprob', { max: 0, nameGap: 34 }),
      valueAxis(c, 'review rate (%)', {
        min: 0,
        max: 100,
        nameGap: 34,
        splitLine: { show: false },
      }),
    ],
    series: [
      {
        name: 'mean logprob',
        type: 'line' as const,
        yAxisIndex: 0,
        connectNulls: false,
        showSymbol: days.length <= 60,
        itemStyle: { color: c.palette[0] ?? c.fg },
        lineStyle: { color: c.palette[0] ?? c.fg, width: 2 },
        data: days.map((d) => (d.meanLogprob === null ? null : round(d.meanLogprob))),
      },
      {
        name: 'review rate',
        type: 'line' as const,
        yAxisIndex: 1,
        showSymbol: days.length <= 60,
        itemStyle: { color: c.palette[3] ?? c.fg },
        lineStyle: { color: c.palette[3] ?? c.fg, width: 2, type: 'dashed' as const },
        data: days.map((d) => round(d.reviewRate * 100, 2)),
      },
    ],
  };
}
