import type { Band } from '@tokenscope/core';
import { BANDS, XRAY_PALETTE } from '@tokenscope/core';

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

const light = XRAY_PALETTE.light;

/** The palette's light theme, used when a variable is missing (and by tests). */
export const FALLBACK_COLORS: ChartColors = {
  fg: light.fg,
  muted: light.muted,
  line: light.line,
  panel: light.panel,
  bar1: light.bar1,
  bar2: light.bar2,
  mark: light.mark,
  focus: light.focus,
  bands: Object.fromEntries(BANDS.map((b) => [b, light[`chart-${b}`]])) as Record<Band, string>,
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
