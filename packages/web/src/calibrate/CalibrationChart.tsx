import { useEffect, useRef } from 'preact/hooks';
import type { EChart } from '../charts/echarts.js';
import { useColorScheme } from '../charts/useColorScheme.js';
import type { CalibrationChartColors } from './calibrationCharts';

/** Theme colours from the app shell's CSS variables (they follow data-theme and the system scheme). */
function readColors(el: Element): CalibrationChartColors {
  const style = getComputedStyle(el);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    fg: v('--ts-fg', '#1b1e23'),
    muted: v('--ts-muted', '#5d6470'),
    line: v('--ts-line', '#dfe3e8'),
    series: [
      v('--ts-accent', '#3452d8'),
      v('--ts-band-orange', '#e0701a'),
      v('--ts-band-green', '#2ca02c'),
      v('--cal-purple', '#8e5bd0'),
    ],
  };
}

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
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<EChart | null>(null);
  const scheme = useColorScheme();
  const latest = useRef(build);
  latest.current = build;

  useEffect(() => {
    let disposed = false;
    let ro: ResizeObserver | null = null;
    void import('../charts/echarts.js').then(({ echarts }) => {
      if (disposed || !host.current) return;
      const c = echarts.init(host.current, null, { renderer: 'canvas' });
      chart.current = c;
      c.setOption(latest.current(readColors(host.current)));
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

  return <div ref={host} class="cal-chart" role="img" aria-label={label} data-testid={testId} />;
}
