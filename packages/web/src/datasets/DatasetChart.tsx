import { useEffect, useRef } from 'preact/hooks';
import type { EChart } from '../charts/echarts.js';
import { useColorScheme } from '../charts/useColorScheme.js';
import { type DatasetChartColors, GROUP_PALETTE } from './datasetCharts';

/** Theme colours from the app shell's CSS variables (they follow data-theme and the system scheme). */
function readColors(el: Element): DatasetChartColors {
  const style = getComputedStyle(el);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    fg: v('--ts-fg', '#1b1e23'),
    muted: v('--ts-muted', '#5d6470'),
    line: v('--ts-line', '#dfe3e8'),
    palette: GROUP_PALETTE,
  };
}

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
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<EChart | null>(null);
  const scheme = useColorScheme();
  const latest = useRef({ build, onItem });
  latest.current = { build, onItem };

  useEffect(() => {
    let disposed = false;
    let ro: ResizeObserver | null = null;
    void import('./datasetEcharts.js').then(({ echarts }) => {
      if (disposed || !host.current) return;
      const c = echarts.init(host.current, null, { renderer: 'canvas' });
      chart.current = c;
      c.setOption(latest.current.build(readColors(host.current)));
      c.on('click', (params) => {
        if (typeof params.dataIndex === 'number') latest.current.onItem?.(params.dataIndex);
      });
      host.current.dataset.drawn = 'true';
      ro = new ResizeObserver(() => c.resize());
      ro.observe(host.current);
    });
    return () => {
      disposed = true;
      ro?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (chart.current && host.current) chart.current.setOption(build(readColors(host.current)), true);
  }, [build, scheme]);

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
