import type { Analysis } from '@tokenscope/core';
import { useEffect, useRef } from 'preact/hooks';
import { type ChartColors, readChartColors } from './chartColors.js';
import {
  CHOSEN_SERIES_INDEX,
  chartData,
  chartLayout,
  chartOption,
  chartStreamUpdate,
  labelInterval,
  NARROW_CHART_PX,
  SERIES,
} from './chartOption.js';
import type { EChart } from './echarts.js';
import type { ColorScheme } from './useColorScheme.js';
import {
  ensureVisible,
  followTail,
  initialWindow,
  windowFromPercent,
  type ZoomWindow,
} from './zoomWindow.js';

export interface ConfidenceChartsProps {
  analysis: Analysis;
  streaming: boolean;
  scheme: ColorScheme;
  /** The token whose tooltip shows (hover, focus or pin): marked with a line and its bars highlighted. */
  activeIndex: number | null;
  /** The focused token: the zoom window moves to keep it visible. */
  focusIndex: number | null;
  /** Pointer over a token's column (null when it leaves the chart). */
  onHover: (index: number | null) => void;
  /** Click on a token's column. */
  onSelect: (index: number) => void;
}

/** While streaming, the charts redraw at most this often (the text updates every STREAM_ANALYSIS_MS)... */
export const STREAM_REDRAW_MS = 500;
/** ...and at most once per this many times the last redraw took: ECharts gets under 10 % of the time. */
const STREAM_COST_FACTOR = 10;

/**
 * How many times the charts were created and drawn, on the chart element's dataset (`inits`, `fullDraws`,
 * `streamDraws`): the browser tests check that streaming updates the data of one chart, cheaply.
 */
function count(el: HTMLElement, key: 'inits' | 'fullDraws' | 'streamDraws'): void {
  el.dataset[key] = String(Number(el.dataset[key] ?? 0) + 1);
}

/**
 * The two linked charts (top vs second choice; probability of the chosen token along the answer),
 * drawn by ECharts. Live while streaming: every STREAM_REDRAW_MS (or more: see STREAM_COST_FACTOR) only
 * the data, the labels (at a fixed interval, not measured) and the zoom window are merged in; the
 * whole option is set on the first draw, when the stream ends, for a finished answer and when the
 * colours change. A zoom window for long answers follows the tail while streaming and the focused
 * token otherwise; hover and click report the token index.
 */
export function ConfidenceCharts(props: ConfidenceChartsProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<EChart | null>(null);
  const win = useRef<ZoomWindow | null>(null);
  const drawn = useRef({ count: 0, at: 0, cost: 0, scheme: '', full: false });
  const colors = useRef<ChartColors | null>(null);
  const latest = useRef(props);
  latest.current = props;
  // The tooltip reads the tokens when it shows: always the latest analysis, whichever option set it.
  const live = useRef({
    get tokens() {
      return latest.current.analysis.tokens;
    },
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastHover = useRef<number | null>(null);
  /** True while the pointer is over the chart (its own hover then drives the pointer, not the text). */
  const pointerInside = useRef(false);

  // Draws the latest props (a no-op until ECharts has loaded).
  const draw = () => {
    timer.current = null;
    const c = chart.current;
    const p = latest.current;
    const el = host.current;
    if (!c || !el) return;
    const n = p.analysis.tokens.length;
    const schemeChanged = drawn.current.scheme !== p.scheme;
    if (schemeChanged || !colors.current) colors.current = readChartColors(el);
    const before = drawn.current.count;
    win.current = win.current
      ? p.streaming
        ? followTail(win.current, before, n)
        : win.current
      : initialWindow(n, p.streaming);
    if (win.current.end > n - 1) win.current = initialWindow(n, p.streaming);
    const data = chartData(p.analysis.tokens);
    const quick = p.streaming && drawn.current.full && !schemeChanged;
    const start = performance.now();
    if (quick) {
      // Synchronous (not lazyUpdate): the update runs in this timer's task, not in the animation
      // frame that renders the text.
      const interval = labelInterval(win.current.end - win.current.start + 1, c.getWidth() - 64);
      c.setOption(chartStreamUpdate(data, win.current, interval), { lazyUpdate: false, silent: true });
    } else {
      const option = chartOption(live.current, data, colors.current, win.current, c.getWidth());
      c.setOption(option, { notMerge: schemeChanged, lazyUpdate: false });
    }
    count(el, quick ? 'streamDraws' : 'fullDraws');
    const at = performance.now();
    // The cost of a data-only draw paces the next ones (a whole option, first drawn cold, would not).
    const cost = quick ? at - start : 0;
    drawn.current = { count: n, at, cost, scheme: p.scheme, full: true };
    el.dataset.drawn = String(n);
    // Pointing at the active token costs a synchronous update: while streaming, only when there is one.
    if (!quick || p.activeIndex !== null) showActive(c, p.activeIndex, n);
  };
  const drawLatest = useRef(draw);
  drawLatest.current = draw;

  // ECharts is loaded on demand (its own chunk), so the text paints without waiting for it.
  useEffect(() => {
    let disposed = false;
    let release = () => {};
    void import('./echarts.js').then(({ echarts }) => {
      if (disposed || !host.current) return;
      release = initChart(echarts.init(host.current, null, { renderer: 'canvas' }));
      count(host.current, 'inits');
      drawLatest.current();
    });
    return () => {
      disposed = true;
      if (timer.current) clearTimeout(timer.current);
      release();
      chart.current = null;
    };
  }, []);

  function initChart(c: EChart): () => void {
    const el = host.current!;
    chart.current = c;
    c.on('datazoom', (e: unknown) => {
      const ev = e as { batch?: ZoomEvent[] } & ZoomEvent;
      const z = ev.batch?.[0] ?? ev;
      const n = drawn.current.count;
      if (z.startValue !== undefined && z.endValue !== undefined)
        win.current = { start: z.startValue, end: z.endValue };
      else if (z.start !== undefined && z.end !== undefined)
        win.current = windowFromPercent(z.start, z.end, n);
    });
    c.on('updateAxisPointer', (e: unknown) => {
      const info = (e as { axesInfo?: Array<{ axisDim: string; value: number }> }).axesInfo?.find(
        (a) => a.axisDim === 'x',
      );
      const i = info ? Math.round(info.value) : null;
      if (!pointerInside.current) return;
      if (i !== lastHover.current) {
        lastHover.current = i;
        latest.current.onHover(i);
      }
    });
    c.getZr().on('mousemove', () => {
      pointerInside.current = true;
    });
    c.on('globalout', () => {
      pointerInside.current = false;
      lastHover.current = null;
      latest.current.onHover(null);
    });
    c.getZr().on('click', (e: { offsetX: number; offsetY: number }) => {
      const point = [e.offsetX, e.offsetY];
      for (const gridIndex of [0, 1]) {
        if (!c.containPixel({ gridIndex }, point)) continue;
        const x = c.convertFromPixel({ gridIndex }, point) as unknown as number[];
        const i = Math.round(x[0] ?? Number.NaN);
        if (Number.isFinite(i) && i >= 0 && i < drawn.current.count) latest.current.onSelect(i);
        return;
      }
    });
    let narrow = c.getWidth() < NARROW_CHART_PX;
    const ro = new ResizeObserver(() => {
      c.resize();
      // Crossing the narrow width moves the legend (and the first grid) without a whole redraw.
      if (narrow !== c.getWidth() < NARROW_CHART_PX) {
        narrow = !narrow;
        c.setOption(chartLayout(c.getWidth()), { lazyUpdate: false });
      }
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
    };
  }

  // Data: immediately when done; while streaming, at most every STREAM_REDRAW_MS (longer when drawing is slow).
  useEffect(() => {
    if (drawn.current.count === 0 && !timer.current) {
      // First draw after the text has painted: the text is what the reader looks at first.
      timer.current = setTimeout(draw, 16);
      return;
    }
    if (!props.streaming) {
      if (timer.current) clearTimeout(timer.current);
      draw();
      return;
    }
    if (timer.current) return;
    const every = Math.max(STREAM_REDRAW_MS, STREAM_COST_FACTOR * drawn.current.cost);
    const wait = Math.max(0, every - (performance.now() - drawn.current.at));
    timer.current = setTimeout(draw, wait);
  }, [props.analysis, props.streaming, props.scheme]);

  // Active token: its column's axis pointer and tooltip on both charts, its bars highlighted.
  useEffect(() => {
    const c = chart.current;
    if (c && drawn.current.count > 0 && !pointerInside.current)
      showActive(c, props.activeIndex, drawn.current.count);
  }, [props.activeIndex]);

  // Focused token: move the zoom window only when it is outside.
  useEffect(() => {
    const c = chart.current;
    const i = props.focusIndex;
    if (!c || i === null || !win.current) return;
    const next = ensureVisible(win.current, i, drawn.current.count);
    if (next !== win.current) {
      win.current = next;
      c.dispatchAction({ type: 'dataZoom', dataZoomIndex: 0, startValue: next.start, endValue: next.end });
      if (!pointerInside.current) showActive(c, latest.current.activeIndex, drawn.current.count);
    }
  }, [props.focusIndex]);

  return (
    <section class="xr-charts" aria-label="Charts">
      <div
        ref={host}
        class="xr-chart"
        role="img"
        aria-label={`Top choice vs second choice, and the probability of the chosen token, for ${props.analysis.tokens.length} tokens`}
        data-testid="xray-chart"
      />
      <p class="xr-note">
        Drag the slider or use the mouse wheel over the chart to zoom; hover a column to find its token, click
        to go to it. Marks on the lower line are coloured by band.
      </p>
    </section>
  );
}

/** Points both charts at token `index` (axis pointer, tooltip, highlighted bars), or clears them. */
function showActive(c: EChart, index: number | null, count: number): void {
  c.dispatchAction({ type: 'downplay', seriesId: [SERIES.top, SERIES.second] });
  if (index === null || index >= count) {
    c.dispatchAction({ type: 'hideTip' });
    return;
  }
  c.dispatchAction({ type: 'highlight', seriesId: [SERIES.top, SERIES.second], dataIndex: index });
  c.dispatchAction({ type: 'showTip', seriesIndex: CHOSEN_SERIES_INDEX, dataIndex: index });
}

interface ZoomEvent {
  start?: number;
  end?: number;
  startValue?: number;
  endValue?: number;
}
