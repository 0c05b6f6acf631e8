import { describe, expect, it } from 'vitest';
import { placeTooltip } from './placeTooltip.js';

const line = (top: number, left = 100, width = 40, height = 20) => ({
  top,
  left,
  right: left + width,
  bottom: top + height,
});
const vp = { width: 1000, height: 800 };

describe('placeTooltip', () => {
  it('goes below the line when it fits, clear of the line and its leading', () => {
    const p = placeTooltip(line(100), line(100), { width: 300, height: 200 }, vp, 6);
    expect(p.side).toBe('below');
    expect(p.top).toBeGreaterThanOrEqual(120 + 6);
    expect(p.left).toBe(100);
    expect(p.maxHeight).toBeUndefined();
  });

  it('flips above when there is no room below, ending above the line', () => {
    const p = placeTooltip(line(700), line(700), { width: 300, height: 200 }, vp, 6);
    expect(p.side).toBe('above');
    expect(p.top + 200).toBeLessThanOrEqual(700 - 6);
    expect(p.top).toBeGreaterThanOrEqual(8);
  });

  it('never covers the line: too tall for either side, it takes the roomier side and caps its height', () => {
    const p = placeTooltip(line(300), line(300), { width: 300, height: 900 }, vp, 0);
    expect(p.side).toBe('below');
    expect(p.maxHeight).toBeDefined();
    expect(p.top).toBeGreaterThanOrEqual(320);
    expect(p.top + p.maxHeight!).toBeLessThanOrEqual(800);
    const q = placeTooltip(line(600), line(600), { width: 300, height: 900 }, vp, 0);
    expect(q.side).toBe('above');
    expect(q.top + q.maxHeight!).toBeLessThanOrEqual(600);
    expect(q.top).toBeGreaterThanOrEqual(8);
  });

  it('keeps the next line clear too: below it when there is room, else above, else right below', () => {
    // line 100-120, leading 6, pitch 32: the next line spans 152 + 6; the tooltip starts below it.
    const clear = placeTooltip(line(100), line(100), { width: 300, height: 200 }, vp, 6, 32);
    expect(clear).toEqual({ left: 100, top: 120 + 6 + 4 + 32, side: 'below' });
    // Near the bottom: no room below the next line, room above: above the token's line.
    const above = placeTooltip(line(500), line(500), { width: 300, height: 260 }, vp, 6, 32);
    expect(above.side).toBe('above');
    expect(above.top + 260).toBeLessThanOrEqual(500 - 6);
    // Room right below only: it covers the next line rather than the token's.
    const tight = placeTooltip(line(150), line(150), { width: 300, height: 600 }, vp, 6, 32);
    expect(tight).toEqual({ left: 100, top: 170 + 6 + 4, side: 'below' });
  });

  it('uses the last line box below and the first above for a wrapped token', () => {
    const below = placeTooltip(line(100, 900), line(130, 20), { width: 300, height: 100 }, vp);
    expect(below.top).toBeGreaterThan(150);
    expect(below.left).toBe(20);
    const above = placeTooltip(
      line(600, 500),
      line(630, 20),
      { width: 300, height: 700 },
      { width: 1000, height: 700 },
    );
    expect(above.side).toBe('above');
    expect(above.left).toBe(500);
  });

  it('stays inside the viewport horizontally', () => {
    expect(placeTooltip(line(100, 950), line(100, 950), { width: 300, height: 100 }, vp).left).toBe(
      1000 - 8 - 300,
    );
    expect(placeTooltip(line(100, -20), line(100, -20), { width: 300, height: 100 }, vp).left).toBe(8);
    expect(placeTooltip(line(100), line(100), { width: 2000, height: 100 }, vp).left).toBe(8);
  });
});
