import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { EChart, echarts as EchartsBuild } from './echarts.js';
import { useColorScheme } from './useColorScheme.js';

/** The text and line colours every chart takes from the app shell's CSS variables. */
export function baseChartColors(el: Element): {
  fg: string;
  muted: string;
  line: string;
  css: (name: string, fallback: string) => string;
} {
  const style = getComputedStyle(el);
  const css = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    fg: css('--ts-fg', '#1b1e23'),
    muted: css('--ts-muted', '#5d6470'),
    line: css('--ts-line', '#dfe3e8'),
    css,
  };
}

/**
 * One ECharts chart in the element the returned ref names: the library (`load`) on first use, the
 * option `build` makes from the theme's colours (`colors`, read from the element), drawn again when
 * `build` or the colour scheme changes; `onItem` gets the data index of a clicked item. The element
 * gets `data-drawn` once the first option is set.
 */
export function useThemedChart<C>(options: {
  load: () => Promise<{ echarts: typeof EchartsBuild }>;
  colors: (el: Element) => C;
  build: (colors: C) => Record<string, unknown>;
  onItem?: ((dataIndex: number) => void) | undefined;
}): RefObject<HTMLDivElement | null> {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<EChart | null>(null);
  const scheme = useColorScheme();
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    let disposed = false;
    let ro: ResizeObserver | null = null;
    void latest.current.load().then(({ echarts }) => {
      if (disposed || !host.current) return;
      const c = echarts.init(host.current, null, { renderer: 'canvas' });
      chart.current = c;
      c.setOption(latest.current.build(latest.current.colors(host.current)));
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

  const { build, colors } = options;
  useEffect(() => {
    if (chart.current && host.current) chart.current.setOption(build(colors(host.current)), true);
  }, [build, colors, scheme]);

  return host;
}
