import { baseChartColors, useThemedChart } from '../charts/useThemedChart.js';
import type { CalibrationChartColors } from './calibrationCharts';

/** Theme colours from the app shell's CSS variables (they follow data-theme and the system scheme). */
function readColors(el: Element): CalibrationChartColors {
  const { fg, muted, line, css } = baseChartColors(el);
  return {
    fg,
    muted,
    line,
    series: [
      css('--ts-accent', '#3452d8'),
      css('--ts-band-orange', '#e0701a'),
      css('--ts-band-green', '#2ca02c'),
      css('--cal-purple', '#8e5bd0'),
    ],
  };
}

const loadEcharts = () => import('../charts/echarts.js');

/** One ECharts line chart (loaded on first use) whose option `build` makes from the theme's colours. */
export function CalibrationChart({
  build,
  label,
  testId,
}: {
  build: (colors: CalibrationChartColors) => Record<string, unknown>;
  label: string;
  testId: string;
}) {
  const host = useThemedChart({ load: loadEcharts, colors: readColors, build });
  return <div ref={host} class="cal-chart" role="img" aria-label={label} data-testid={testId} />;
}
