import { baseChartColors, useThemedChart } from '../charts/useThemedChart.js';
import { type DatasetChartColors, GROUP_PALETTE } from './datasetCharts';

/** Theme colours from the app shell's CSS variables (they follow data-theme and the system scheme). */
function readColors(el: Element): DatasetChartColors {
  const { fg, muted, line } = baseChartColors(el);
  return { fg, muted, line, palette: GROUP_PALETTE };
}

const loadDatasetEcharts = () => import('./datasetEcharts.js');

/**
 * One ECharts chart (the library loads on first use) whose option `build` makes from the theme's
 * colours; `onItem` gets the data index of a clicked bar, box or point.
 */
export function DatasetChart({
  build,
  label,
  testId,
  height,
  onItem,
}: {
  build: (colors: DatasetChartColors) => Record<string, unknown>;
  label: string;
  testId: string;
  height: number;
  onItem?: (dataIndex: number) => void;
}) {
  const host = useThemedChart({ load: loadDatasetEcharts, colors: readColors, build, onItem });
  return (
    <div
      ref={host}
      class="ds-chart"
      style={{ height: `${height}px` }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}
