/** A zoom window over token indices, both ends included. */
export interface ZoomWindow {
  start: number;
  end: number;
}

/** Tokens shown at once by default: enough to read the bars, few enough that labels stay legible. */
export const DEFAULT_WINDOW = 120;

/** The first window: everything for short answers, else the first DEFAULT_WINDOW tokens (the tail while streaming). */
export function initialWindow(count: number, streaming: boolean, size = DEFAULT_WINDOW): ZoomWindow {
  const last = Math.max(0, count - 1);
  if (count <= size) return { start: 0, end: last };
  return streaming ? { start: count - size, end: last } : { start: 0, end: size - 1 };
}

/**
 * The window moved (same width) just enough to show `index`, with a small margin, or the same window
 * when `index` is already inside.
 */
export function ensureVisible(w: ZoomWindow, index: number, count: number, margin = 3): ZoomWindow {
  if (count <= 0) return w;
  const i = Math.max(0, Math.min(count - 1, index));
  if (i >= w.start && i <= w.end) return w;
  const width = Math.max(0, w.end - w.start);
  let start = i < w.start ? i - margin : i + margin - width;
  start = Math.max(0, Math.min(start, count - 1 - width));
  return { start, end: Math.min(count - 1, start + width) };
}

/**
 * While streaming: when the window was showing the last token (the user is following the tail),
 * it moves with the new tokens, keeping its width; otherwise it stays where the user put it.
 */
export function followTail(w: ZoomWindow, previousCount: number, count: number): ZoomWindow {
  if (count <= previousCount) return w;
  if (w.end < previousCount - 1) return w;
  const width = w.end - w.start;
  const end = count - 1;
  return { start: Math.max(0, end - Math.max(width, Math.min(DEFAULT_WINDOW - 1, end))), end };
}

/** Token indices from a dataZoom event's percentages. */
export function windowFromPercent(startPct: number, endPct: number, count: number): ZoomWindow {
  const last = Math.max(0, count - 1);
  return { start: Math.round((startPct / 100) * last), end: Math.round((endPct / 100) * last) };
}
