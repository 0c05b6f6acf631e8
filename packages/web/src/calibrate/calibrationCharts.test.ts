import { type CalibrationSample, calibrate } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { mapCurvesOption, riskCoverageOption } from './calibrationCharts';

const colors = {
  fg: '#000',
  muted: '#666',
  line: '#ccc',
  series: ['#1', '#2', '#3', '#4'] as [string, string, string, string],
};
// 4 answers: the two confident ones right, the two unsure ones wrong (a perfect ranking).
const samples: CalibrationSample[] = [
  { confidence: 0.9, correct: true },
  { confidence: 0.8, correct: true },
  { confidence: 0.4, correct: false },
  { confidence: 0.3, correct: false },
];
const report = calibrate(samples, { bins: 2, bootstrap: 0 });

describe('riskCoverageOption', () => {
  it('plots risk against coverage, most confident first, and the error rate for reference', () => {
    const option = riskCoverageOption(report.riskCoverage, colors);
    expect(option.series[0]!.data).toEqual([
      [0.25, 0],
      [0.5, 0],
      [0.75, 1 / 3],
      [1, 0.5],
    ]);
    expect(option.series[1]!.data).toEqual([
      [0, 0.5],
      [1, 0.5],
    ]);
    expect(option.series[1]!.name).toBe('no ranking (error rate 50.0 %)');
    expect(option.tooltip.formatter([{ dataIndex: 2, seriesIndex: 0 }])).toBe(
      'accept confidence ≥ 0.400<br/>coverage 75.0 % (3 answers)<br/>risk 33.3 %',
    );
  });
  it('draws an empty curve without failing', () => {
    expect(riskCoverageOption([], colors).series[0]!.data).toEqual([]);
  });
});

describe('mapCurvesOption', () => {
  it('draws each fitted map over 0..1 (monotone here) and the identity', () => {
    const option = mapCurvesOption(report.maps, colors);
    expect(option.series.map((s) => s.name)).toEqual(['Platt', 'isotonic', 'temperature', 'unchanged']);
    for (const s of option.series.slice(0, 3)) {
      expect(s.data).toHaveLength(101);
      const ys = s.data.map((p) => p[1]);
      for (let i = 1; i < ys.length; i++) expect(ys[i]!).toBeGreaterThanOrEqual(ys[i - 1]! - 1e-12);
      for (const y of ys) expect(y >= 0 && y <= 1).toBe(true);
    }
  });
});
