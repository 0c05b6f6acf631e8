import type { DatasetGroupStats } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import {
  binLabel,
  type ChartGroup,
  distributionBoxOption,
  distributionHistogramOption,
  GROUP_PALETTE,
  groupColor,
  groupTooltipHtml,
  logprobAxisMin,
  overTimeOption,
  ratesOption,
  rowsChartHeight,
  shortLabel,
} from './datasetCharts';

const colors = { fg: '#000', muted: '#666', line: '#ccc', palette: GROUP_PALETTE };
const thresholds = { publish: -0.5, review: -1.5 };

function stats(key: string | null, patch: Partial<DatasetGroupStats> = {}): DatasetGroupStats {
  return {
    key,
    answers: 4,
    tokens: 40,
    meanLogprob: -0.8,
    percentiles: { p10: -2.1, p25: -1.2, p50: -0.7, p75: -0.4, p90: -0.2 },
    histogram: [
      { from: -4, to: -2, count: 1 },
      { from: -2, to: 0, count: 3 },
    ],
    flaggedTokenRate: 0.1,
    flaggedAnswerRate: 0.5,
    verdicts: { publish: 3, review: 1 },
    reviewRate: 0.25,
    reviewSentences: 2,
    sentences: 10,
    lowConfidenceFacts: 1,
    reviewed: { answers: 0, rejected: 0, approved: 0 },
    firstAt: null,
    lastAt: null,
    ...patch,
  };
}

const groups: ChartGroup[] = [
  { label: 'gpt-4o', stats: stats('gpt-4o') },
  {
    label: '<img src=x onerror=alert(1)>',
    stats: stats('evil', { answers: 1, meanLogprob: null, percentiles: null, histogram: [] }),
  },
  { label: 'small', stats: stats('small', { meanLogprob: -3.3 }) },
];

describe('distributionBoxOption', () => {
  it('draws one box per group from p10/p25/p50/p75/p90, the means, and the thresholds', () => {
    const option = distributionBoxOption(groups, thresholds, colors);
    const [boxes, means] = option.series;
    expect(boxes!.data.map((d) => d.value)).toEqual([
      [-2.1, -1.2, -0.7, -0.4, -0.2],
      ['-', '-', '-', '-', '-'], // no answer with tokens: no box
      [-2.1, -1.2, -0.7, -0.4, -0.2],
    ]);
    expect(boxes!.data[0]!.itemStyle.borderColor).toBe(GROUP_PALETTE[0]);
    expect(boxes!.data[2]!.itemStyle.borderColor).toBe(GROUP_PALETTE[2]);
    expect(means!.data).toEqual([
      [-0.8, 0],
      ['-', 1],
      [-3.3, 2],
    ]);
    expect(
      (boxes as { markLine: { data: Array<{ xAxis: number }> } }).markLine.data.map((d) => d.xAxis),
    ).toEqual([-0.5, -1.5]);
    expect(option.yAxis.data).toEqual(['gpt-4o', '<img src=x onerror=aler…', 'small']);
    expect(option.xAxis.max).toBe(0);
    expect(option.xAxis.min).toBeLessThanOrEqual(-2.1);
  });

  it('escapes group names in its tooltip', () => {
    const option = distributionBoxOption(groups, thresholds, colors);
    const html = option.tooltip.formatter({ dataIndex: 1 });
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('no answer with tokens');
    expect(groupTooltipHtml(groups[0]!)).toContain('p10 -2.10');
  });
});

describe('distributionHistogramOption', () => {
  it('plots each group as its share of answers per bin', () => {
    const option = distributionHistogramOption([groups[0]!, groups[2]!], colors);
    expect(option.xAxis.data).toEqual(['-4.0', '-2.0']);
    expect(option.series.map((s) => s.data)).toEqual([
      [25, 75],
      [25, 75],
    ]);
    expect(option.series.map((s) => s.itemStyle.color)).toEqual([GROUP_PALETTE[0], GROUP_PALETTE[1]]);
    const tip = option.tooltip.formatter([{ dataIndex: 1, seriesIndex: 0, value: 75 }]);
    expect(tip).toBe('mean logprob -2.0 … 0.0<br/>gpt-4o: 75.0 % (3)');
    expect(binLabel({ from: -0.2, to: 0 })).toBe('-0.2 … 0.0');
  });

  it('draws nothing for no groups, and zero for a group without answers', () => {
    expect(distributionHistogramOption([], colors).series).toEqual([]);
    const empty = { label: 'e', stats: stats('e', { histogram: [{ from: -4, to: 0, count: 0 }] }) };
    expect(distributionHistogramOption([empty], colors).series[0]!.data).toEqual([0]);
  });
});

describe('ratesOption', () => {
  it('has the three rates in percent per group, in the groups’ order', () => {
    const option = ratesOption(groups, colors);
    expect(option.series.map((s) => s.name)).toEqual([
      'flagged tokens',
      'answers with a low-confidence span',
      'answers sent to review',
    ]);
    expect(option.series[2]!.data).toEqual([25, 25, 25]);
    expect(option.series[0]!.data[0]).toBe(10);
    const tip = option.tooltip.formatter([{ dataIndex: 1, seriesName: 'answers sent to review', value: 25 }]);
    expect(tip).toContain('&lt;img');
    expect(tip).not.toContain('<img');
  });
});

describe('overTimeOption', () => {
  it('draws the mean logprob and the review rate per day, on two axes', () => {
    const days = [stats('2026-05-01'), stats('2026-05-02', { meanLogprob: null, reviewRate: 0.5 })];
    const option = overTimeOption(days, colors);
    expect(option.xAxis.data).toEqual(['2026-05-01', '2026-05-02']);
    expect(option.series[0]!.data).toEqual([-0.8, null]);
    expect(option.series[1]!.data).toEqual([25, 50]);
    expect(option.series.map((s) => s.yAxisIndex)).toEqual([0, 1]);
    expect(option.tooltip.formatter([{ dataIndex: 1 }])).toContain('review rate 50.0 %');
  });
});

describe('helpers', () => {
  it('cycles the palette, grows the chart with the groups and shortens long labels', () => {
    expect(groupColor(colors, 0)).toBe(GROUP_PALETTE[0]);
    expect(groupColor(colors, GROUP_PALETTE.length)).toBe(GROUP_PALETTE[0]);
    expect(rowsChartHeight(1)).toBe(200);
    expect(rowsChartHeight(20)).toBeGreaterThan(rowsChartHeight(10));
    expect(shortLabel('short')).toBe('short');
    expect([...shortLabel('x'.repeat(40))]).toHaveLength(24);
    expect(logprobAxisMin([], thresholds)).toBe(-2);
    expect(logprobAxisMin([groups[2]!], { publish: -0.5, review: -4.2 })).toBe(-5);
  });
});
