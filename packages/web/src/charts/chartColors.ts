import type { Band } from '@tokenscope/core';
import { BANDS } from '@tokenscope/core';

/** The colours the charts draw with, read from the X-ray's CSS variables so they follow the theme. */
export interface ChartColors {
  fg: string;
  muted: string;
  line: string;
  panel: string;
  bar1: string;
  bar2: string;
  mark: string;
  focus: string;
  bands: Record<Band, string>;
}

/** Light-theme values, used when a variable is missing (and by tests). */
export const FALLBACK_COLORS: ChartColors = {
  fg: '#1d1f21',
  muted: '#5c6166',
  line: '#d8dadd',
  panel: '#f3f4f5',
  bar1: '#2ca02c',
  bar2: '#d62728',
  mark: '#b0128a',
  focus: '#1a5fd0',
  bands: { green: '#2ca02c', lime: '#8fbf1f', yellow: '#d9a800', orange: '#ef7d1a', red: '#d62728' },
};

/** Reads `--xr-*` variables from `el` (computed, so `data-theme` and prefers-color-scheme both apply). */
export function readChartColors(el: Element): ChartColors {
  const style = getComputedStyle(el);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const f = FALLBACK_COLORS;
  const bands = {} as Record<Band, string>;
  for (const b of BANDS) bands[b] = v(`--xr-chart-${b}`, f.bands[b]);
  return {
    fg: v('--xr-fg', f.fg),
    muted: v('--xr-muted', f.muted),
    line: v('--xr-line', f.line),
    panel: v('--xr-panel', f.panel),
    bar1: v('--xr-bar1', f.bar1),
    bar2: v('--xr-bar2', f.bar2),
    mark: v('--xr-mark', f.mark),
    focus: v('--xr-focus', f.focus),
    bands,
  };
}
