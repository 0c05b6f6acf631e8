/**
 * ECharts options of the calibration view: the risk-coverage curve (risk of the accepted answers as
 * coverage grows, most confident first) and the fitted maps (raw confidence → calibrated). Pure: the
 * colours come in, the option goes out.
 */
import { applyCalibrationMap, type FittedMap, mapName, type RiskCoveragePoint } from '@tokenscope/core';

export interface CalibrationChartColors {
  fg: string;
  muted: string;
  line: string;
  series: [string, string, string, string];
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function axes(c: CalibrationChartColors, x: string, y: string) {
  const axis = (name: string) => ({
    type: 'value' as const,
    min: 0,
    max: 1,
    name,
    nameLocation: 'middle' as const,
    nameGap: 28,
    nameTextStyle: { color: c.fg },
    axisLabel: { color: c.muted, formatter: (v: number) => `${Math.round(v * 100)}%` },
    axisLine: { lineStyle: { color: c.line } },
    splitLine: { lineStyle: { color: c.line, opacity: 0.5 } },
  });
  return { xAxis: axis(x), yAxis: axis(y) };
}

/** Risk against coverage, with the error rate of accepting everything as the reference. */
export function riskCoverageOption(points: readonly RiskCoveragePoint[], c: CalibrationChartColors) {
  const all = points[points.length - 1];
  const errorRate = all?.risk ?? 0;
  const maxRisk = Math.max(0.05, ...points.map((p) => p.risk));
  const base = axes(c, 'coverage (share of answers accepted)', 'risk (errors among accepted)');
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 28, bottom: 44 },
    legend: { top: 0, textStyle: { color: c.fg } },
    tooltip: {
      trigger: 'axis' as const,
      confine: true,
      formatter: (params: Array<{ dataIndex: number; seriesIndex: number }>) => {
        const p = points[params.find((q) => q.seriesIndex === 0)?.dataIndex ?? -1];
        if (!p) return '';
        return `accept confidence ≥ ${p.threshold.toFixed(3)}<br/>coverage ${pct(p.coverage)} (${p.accepted} answers)<br/>risk ${pct(p.risk)}`;
      },
    },
    xAxis: base.xAxis,
    yAxis: { ...base.yAxis, max: Math.min(1, Math.ceil(maxRisk * 20) / 20) },
    series: [
      {
        name: 'by confidence',
        type: 'line' as const,
        step: 'end' as const,
        showSymbol: false,
        data: points.map((p) => [p.coverage, p.risk] as [number, number]),
        lineStyle: { color: c.series[0], width: 2 },
        itemStyle: { color: c.series[0] },
      },
      {
        name: `no ranking (error rate ${pct(errorRate)})`,
        type: 'line' as const,
        showSymbol: false,
        data: [
          [0, errorRate],
          [1, errorRate],
        ],
        lineStyle: { color: c.muted, type: 'dashed' as const, width: 1 },
        itemStyle: { color: c.muted },
      },
    ],
  };
}

/** Each fitted map as a curve over raw confidence 0..1 (101 points), with the identity for reference. */
export function mapCurvesOption(maps: readonly FittedMap[], c: CalibrationChartColors) {
  const xs = Array.from({ length: 101 }, (_, i) => i / 100);
  const base = axes(c, 'raw confidence', 'calibrated confidence');
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 28, bottom: 44 },
    legend: { top: 0, textStyle: { color: c.fg } },
    tooltip: { trigger: 'axis' as const, confine: true, valueFormatter: (v: number) => v.toFixed(3) },
    xAxis: base.xAxis,
    yAxis: base.yAxis,
    series: [
      ...maps.map((m, i) => ({
        name: mapName(m.map.kind),
        type: 'line' as const,
        showSymbol: false,
        data: xs.map((x) => [x, applyCalibrationMap(m.map, x)] as [number, number]),
        lineStyle: { color: c.series[(i + 1) % 4], width: 2 },
        itemStyle: { color: c.series[(i + 1) % 4] },
      })),
      {
        name: 'unchanged',
        type: 'line' as const,
        showSymbol: false,
        data: [
          [0, 0],
          [1, 1],
        ],
        lineStyle: { color: c.muted, type: 'dashed' as const, width: 1 },
        itemStyle: { color: c.muted },
      },
    ],
  };
}
