import type { Band, TokenAnalysis } from '@tokenscope/core';
import { BANDS, controlMarker, escapeHtml, formatProbability, visibleWhitespace } from '@tokenscope/core';
import type { ChartColors } from './chartColors.js';
import type { ZoomWindow } from './zoomWindow.js';

/** Series ids (setOption merges by id, so live updates and focus marks touch only what changed). */
export const SERIES = { top: 'top', second: 'second', sampled: 'sampled', chosen: 'chosen' } as const;

/** Series index of the chosen-token line (the band marks follow it, one scatter series per band). */
export const CHOSEN_SERIES_INDEX = 3;

/** The per-token values the charts plot, in percent. */
export interface ChartData {
  labels: string[];
  top: number[];
  second: Array<number | null>;
  /** [index, p%] of tokens that were not the top choice. */
  sampled: Array<[number, number]>;
  chosen: number[];
  /** [index, p%] of the chosen tokens per band: the marks on the probability line, coloured by band. */
  bands: Record<Band, Array<[number, number]>>;
}

const pct = (p: number | null | undefined) =>
  p === null || p === undefined ? null : Math.round(p * 10000) / 100;

/** A short axis label for a token: whitespace visible, at most 8 characters. */
export function axisLabel(text: string): string {
  const label = [...visibleWhitespace(text)];
  return label.length > 8 ? `${label.slice(0, 7).join('')}…` : label.join('');
}

export function chartData(tokens: readonly TokenAnalysis[]): ChartData {
  const n = tokens.length;
  const data: ChartData = {
    labels: new Array(n),
    top: new Array(n),
    second: new Array(n),
    sampled: [],
    chosen: new Array(n),
    bands: { green: [], lime: [], yellow: [], orange: [], red: [] },
  };
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    data.labels[i] = t.control ? controlMarker(t) : axisLabel(t.text);
    data.top[i] = pct(t.top[0]?.prob ?? t.prob) ?? 0;
    data.second[i] = pct(t.top[1]?.prob);
    data.chosen[i] = pct(t.prob) ?? 0;
    data.bands[t.band].push([i, data.chosen[i]!]);
    if (t.clues.includes('not-top')) data.sampled.push([i, pct(t.prob) ?? 0]);
  }
  return data;
}

/** The chart tooltip's HTML (ECharts renders tooltips as HTML): every piece of token text escaped. */
export function chartTooltipHtml(t: TokenAnalysis): string {
  const row = (k: string, v: string) => `<div>${escapeHtml(k)} <b>${escapeHtml(v)}</b></div>`;
  return [
    `<div class="xr-ctip"><b>#${t.index}</b> <code>${escapeHtml(t.control ? controlMarker(t) : visibleWhitespace(t.text))}</code></div>`,
    row('chosen', formatProbability(t.prob, 'below the top-k')),
    row(
      'top choice',
      `${t.top[0] ? visibleWhitespace(t.top[0].text) : '–'} ${formatProbability(t.top[0]?.prob ?? null)}`,
    ),
    row(
      'second choice',
      `${t.top[1] ? visibleWhitespace(t.top[1].text) : '–'} ${formatProbability(t.top[1]?.prob ?? null)}`,
    ),
    row('band', t.band),
  ].join('');
}

/** Below this chart width the legend takes its own row under the first title (on a phone it overlapped it). */
export const NARROW_CHART_PX = 600;

/**
 * Where the legend and the two grids go for a chart `widthPx` wide: the legend beside the first title,
 * or under it when the chart is narrow (the first grid moves down to make room).
 */
export function chartLayout(widthPx: number) {
  const narrow = widthPx < NARROW_CHART_PX;
  return {
    legend: {
      top: narrow ? 22 : 0,
      ...(narrow ? { left: 8, right: 'auto' as const } : { left: 'auto' as const, right: 8 }),
      // Narrow: smaller keys and text, so the three items fit one row of a 360 px chart.
      itemGap: narrow ? 8 : 10,
      itemWidth: narrow ? 14 : 25,
      itemHeight: narrow ? 9 : 14,
      textStyle: { fontSize: narrow ? 11 : 12 },
      data: ['top choice', 'second choice', 'sampled, not top'],
    },
    // Fixed grids: 'none' spares ECharts building every axis label to fit them (on each update).
    grid: [
      {
        left: 48,
        right: 16,
        top: narrow ? 56 : 34,
        height: narrow ? '33%' : '38%',
        outerBoundsMode: 'none' as const,
      },
      { left: 48, right: 16, top: '64%', height: '18%', outerBoundsMode: 'none' as const },
    ],
  };
}

/**
 * The whole option of the two linked charts: above, the seed's grouped bars (top choice vs second
 * choice, a diamond where the sampled token was not the top choice); below, the probability of each
 * chosen token as a line whose marks are coloured by band. One dataZoom (slider + wheel/drag) drives both x axes.
 * The tooltip reads `analysis.tokens` when it shows (pass a live view to keep it current); `widthPx`
 * picks the layout (`chartLayout`).
 */
export function chartOption(
  analysis: { readonly tokens: readonly TokenAnalysis[] },
  data: ChartData,
  colors: ChartColors,
  win: ZoomWindow,
  widthPx = Number.POSITIVE_INFINITY,
) {
  const axisCommon = {
    type: 'category' as const,
    data: data.labels,
    axisLine: { lineStyle: { color: colors.line } },
    axisTick: { show: false },
  };
  const yCommon = {
    type: 'value' as const,
    min: 0,
    max: 100,
    interval: 25,
    axisLabel: { color: colors.muted, formatter: '{value}%' },
    splitLine: { lineStyle: { color: colors.line } },
  };
  const layout = chartLayout(widthPx);
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: colors.fg, fontFamily: 'system-ui, sans-serif' },
    title: [
      { text: 'Top choice vs second choice', left: 8, top: 0, textStyle: { fontSize: 13, color: colors.fg } },
      {
        text: 'Probability of the chosen token',
        left: 8,
        top: '57%',
        textStyle: { fontSize: 13, color: colors.fg },
      },
    ],
    ...layout,
    legend: { ...layout.legend, textStyle: { ...layout.legend.textStyle, color: colors.muted } },
    xAxis: [
      {
        ...axisCommon,
        gridIndex: 0,
        axisLabel: {
          color: colors.muted,
          rotate: 50,
          fontSize: 10,
          fontFamily: 'ui-monospace, monospace',
          interval: 'auto' as const,
        },
      },
      { ...axisCommon, gridIndex: 1, axisLabel: { show: false } },
    ],
    yAxis: [
      { ...yCommon, gridIndex: 0 },
      { ...yCommon, gridIndex: 1, interval: 50 },
    ],
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      backgroundColor: colors.panel,
      borderColor: colors.line,
      textStyle: { color: colors.fg, fontSize: 12 },
      formatter: (params: unknown) => {
        const first = Array.isArray(params) ? params[0] : params;
        const i = (first as { dataIndex?: number } | undefined)?.dataIndex;
        const t = i === undefined ? undefined : analysis.tokens[i];
        return t ? chartTooltipHtml(t) : '';
      },
    },
    dataZoom: [
      {
        type: 'slider',
        xAxisIndex: [0, 1],
        startValue: win.start,
        endValue: win.end,
        bottom: 6,
        height: 20,
        minValueSpan: 8,
        borderColor: colors.line,
        textStyle: { color: colors.muted },
        labelFormatter: (v: number) => `#${v}`,
      },
      { type: 'inside', xAxisIndex: [0, 1], minValueSpan: 8 },
    ],
    series: [
      {
        id: SERIES.top,
        name: 'top choice',
        type: 'bar',
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: data.top,
        itemStyle: { color: colors.bar1 },
        barGap: '10%',
        barMaxWidth: 14,
        emphasis: { itemStyle: { borderColor: colors.focus, borderWidth: 2 } },
      },
      {
        id: SERIES.second,
        name: 'second choice',
        type: 'bar',
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: data.second,
        itemStyle: { color: colors.bar2 },
        barMaxWidth: 14,
        emphasis: { itemStyle: { borderColor: colors.focus, borderWidth: 2 } },
      },
      {
        id: SERIES.sampled,
        name: 'sampled, not top',
        type: 'scatter',
        xAxisIndex: 0,
        yAxisIndex: 0,
        symbol: 'diamond',
        symbolSize: 9,
        data: data.sampled,
        itemStyle: { color: colors.mark },
        z: 5,
      },
      {
        id: SERIES.chosen,
        name: 'chosen token',
        type: 'line',
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: data.chosen,
        showSymbol: false,
        lineStyle: { width: 1.2, color: colors.muted },
        itemStyle: { color: colors.muted },
        areaStyle: { color: colors.muted, opacity: 0.12 },
      },
      ...BANDS.map((b) => ({
        id: `band-${b}`,
        name: `${b} band`,
        type: 'scatter' as const,
        xAxisIndex: 1,
        yAxisIndex: 1,
        symbolSize: 6,
        data: data.bands[b],
        itemStyle: { color: colors.bands[b] },
        large: true,
      })),
    ],
  };
}

/** Horizontal room one rotated axis label needs, in pixels (font size 10, rotated 50°). */
const LABEL_PX = 16;

/**
 * Every how many labels one is drawn (ECharts' `axisLabel.interval`: 0 = all) so that labels of a
 * `windowSize`-token window fit `widthPx`: a fixed interval spares ECharts measuring the labels.
 */
export function labelInterval(windowSize: number, widthPx: number): number {
  if (windowSize <= 1 || widthPx <= 0) return 0;
  return Math.max(0, Math.ceil((LABEL_PX * windowSize) / widthPx) - 1);
}

/**
 * The part of the option that changes while an answer streams: the data arrays, the axis labels
 * (at a fixed interval, see labelInterval) and the zoom window. Merged into the option set by
 * chartOption (series by id), it redraws the charts without rebuilding or re-measuring the rest.
 */
export function chartStreamUpdate(data: ChartData, win: ZoomWindow, interval: number) {
  return {
    xAxis: [{ data: data.labels, axisLabel: { interval } }, { data: data.labels }],
    dataZoom: [{ startValue: win.start, endValue: win.end }],
    series: [
      { id: SERIES.top, data: data.top },
      { id: SERIES.second, data: data.second },
      { id: SERIES.sampled, data: data.sampled },
      { id: SERIES.chosen, data: data.chosen },
      ...BANDS.map((b) => ({ id: `band-${b}`, data: data.bands[b] })),
    ],
  };
}
