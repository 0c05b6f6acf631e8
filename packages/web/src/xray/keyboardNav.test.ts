import { describe, expect, it } from 'vitest';
import { clampIndex, keyAction, lineNeighbour, nextFlagged } from './keyboardNav.js';

describe('keyAction', () => {
  it('maps the documented keys', () => {
    expect(keyAction({ key: 'n' })).toEqual({ kind: 'flagged', direction: 1 });
    expect(keyAction({ key: 'j' })).toEqual({ kind: 'flagged', direction: 1 });
    expect(keyAction({ key: 'p' })).toEqual({ kind: 'flagged', direction: -1 });
    expect(keyAction({ key: 'k' })).toEqual({ kind: 'flagged', direction: -1 });
    expect(keyAction({ key: 'ArrowRight' })).toEqual({ kind: 'move', delta: 1 });
    expect(keyAction({ key: 'ArrowLeft' })).toEqual({ kind: 'move', delta: -1 });
    expect(keyAction({ key: 'ArrowDown' })).toEqual({ kind: 'line', direction: 1 });
    expect(keyAction({ key: 'Home' })).toEqual({ kind: 'edge', to: 'first' });
    expect(keyAction({ key: 'Enter' })).toEqual({ kind: 'explore' });
    expect(keyAction({ key: 'Escape' })).toEqual({ kind: 'escape' });
    expect(keyAction({ key: ' ' })).toEqual({ kind: 'pin' });
  });

  it('leaves other keys and modified keys to the browser', () => {
    expect(keyAction({ key: 'x' })).toBeNull();
    expect(keyAction({ key: 'N' })).toBeNull();
    expect(keyAction({ key: 'n', ctrlKey: true })).toBeNull();
    expect(keyAction({ key: 'ArrowRight', metaKey: true })).toBeNull();
    expect(keyAction({ key: 'p', altKey: true })).toBeNull();
  });
});

describe('nextFlagged', () => {
  const flagged = [3, 7, 12];
  it('goes to the next / previous flagged token and wraps around', () => {
    expect(nextFlagged(flagged, 0, 1)).toBe(3);
    expect(nextFlagged(flagged, 3, 1)).toBe(7);
    expect(nextFlagged(flagged, 8, 1)).toBe(12);
    expect(nextFlagged(flagged, 12, 1)).toBe(3);
    expect(nextFlagged(flagged, 12, -1)).toBe(7);
    expect(nextFlagged(flagged, 8, -1)).toBe(7);
    expect(nextFlagged(flagged, 7, -1)).toBe(3);
    expect(nextFlagged(flagged, 3, -1)).toBe(12);
    expect(nextFlagged(flagged, 0, -1)).toBe(12);
  });
  it('starts at the ends without a current token, and is null when nothing is flagged', () => {
    expect(nextFlagged(flagged, null, 1)).toBe(3);
    expect(nextFlagged(flagged, null, -1)).toBe(12);
    expect(nextFlagged([], 4, 1)).toBeNull();
    expect(nextFlagged([5], 5, 1)).toBe(5);
  });
});

describe('clampIndex', () => {
  it('keeps the index inside the text', () => {
    expect(clampIndex(0, -1, 10)).toBe(0);
    expect(clampIndex(9, 1, 10)).toBe(9);
    expect(clampIndex(4, 1, 10)).toBe(5);
    expect(clampIndex(4, 1, 0)).toBe(0);
  });
});

describe('lineNeighbour', () => {
  // Two lines of 5 tokens each (10 px wide), then a line of 2 wide tokens.
  const boxes = (i: number) =>
    i < 10
      ? { top: Math.floor(i / 5) * 20, left: (i % 5) * 10, right: (i % 5) * 10 + 10 }
      : { top: 40, left: (i - 10) * 30, right: (i - 10) * 30 + 30 };
  it('moves to the token below / above nearest horizontally', () => {
    expect(lineNeighbour(2, 1, 12, boxes)).toBe(7);
    expect(lineNeighbour(7, -1, 12, boxes)).toBe(2);
    expect(lineNeighbour(8, 1, 12, boxes)).toBe(11);
    expect(lineNeighbour(11, -1, 12, boxes)).toBe(9);
  });
  it('stays put on the first / last line', () => {
    expect(lineNeighbour(1, -1, 12, boxes)).toBe(1);
    expect(lineNeighbour(11, 1, 12, boxes)).toBe(11);
  });
});
