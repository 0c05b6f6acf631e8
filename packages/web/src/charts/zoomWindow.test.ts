import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW, ensureVisible, followTail, initialWindow, windowFromPercent } from './zoomWindow.js';

describe('zoom window', () => {
  it('shows short answers whole and long ones from the start (the tail while streaming)', () => {
    expect(initialWindow(50, false)).toEqual({ start: 0, end: 49 });
    expect(initialWindow(0, false)).toEqual({ start: 0, end: 0 });
    expect(initialWindow(2000, false)).toEqual({ start: 0, end: DEFAULT_WINDOW - 1 });
    expect(initialWindow(2000, true)).toEqual({ start: 2000 - DEFAULT_WINDOW, end: 1999 });
  });

  it('moves (same width) only when the focused token is outside', () => {
    const w = { start: 100, end: 199 };
    expect(ensureVisible(w, 150, 2000)).toBe(w);
    expect(ensureVisible(w, 250, 2000)).toEqual({ start: 154, end: 253 });
    expect(ensureVisible(w, 40, 2000)).toEqual({ start: 37, end: 136 });
    expect(ensureVisible(w, 1, 2000)).toEqual({ start: 0, end: 99 });
    expect(ensureVisible(w, 1999, 2000)).toEqual({ start: 1900, end: 1999 });
  });

  it('follows the tail while streaming only when the user was at the tail', () => {
    expect(followTail({ start: 0, end: 9 }, 10, 15)).toEqual({ start: 0, end: 14 });
    expect(followTail({ start: 80, end: 199 }, 200, 210)).toEqual({ start: 90, end: 209 });
    const away = { start: 10, end: 50 };
    expect(followTail(away, 200, 210)).toBe(away);
  });

  it('converts dataZoom percentages to token indices', () => {
    expect(windowFromPercent(0, 100, 1001)).toEqual({ start: 0, end: 1000 });
    expect(windowFromPercent(10, 20, 1001)).toEqual({ start: 100, end: 200 });
  });
});
