/** What a key does in the token text. */
export type NavAction =
  | { kind: 'move'; delta: number }
  | { kind: 'line'; direction: 1 | -1 }
  | { kind: 'edge'; to: 'first' | 'last' }
  | { kind: 'flagged'; direction: 1 | -1 }
  | { kind: 'explore' }
  | { kind: 'pin' }
  | { kind: 'escape' };

/** Maps a key press to an action, or null (the key is left to the browser). Modifier keys never navigate. */
export function keyAction(e: {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}): NavAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'ArrowRight':
      return { kind: 'move', delta: 1 };
    case 'ArrowLeft':
      return { kind: 'move', delta: -1 };
    case 'ArrowDown':
      return { kind: 'line', direction: 1 };
    case 'ArrowUp':
      return { kind: 'line', direction: -1 };
    case 'Home':
      return { kind: 'edge', to: 'first' };
    case 'End':
      return { kind: 'edge', to: 'last' };
    case 'n':
    case 'j':
      return { kind: 'flagged', direction: 1 };
    case 'p':
    case 'k':
      return { kind: 'flagged', direction: -1 };
    case 'Enter':
      return { kind: 'explore' };
    case ' ':
      return { kind: 'pin' };
    case 'Escape':
      return { kind: 'escape' };
    default:
      return null;
  }
}

/**
 * The next (direction 1) or previous (-1) flagged token from `at` in the sorted `flagged` indices,
 * wrapping around; `at` null starts before the first (next) or after the last (previous). Null when
 * nothing is flagged.
 */
export function nextFlagged(flagged: readonly number[], at: number | null, direction: 1 | -1): number | null {
  if (flagged.length === 0) return null;
  if (at === null) return direction === 1 ? flagged[0]! : flagged[flagged.length - 1]!;
  let lo = 0;
  let hi = flagged.length;
  // first position with flagged[pos] > at
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (flagged[mid]! > at) hi = mid;
    else lo = mid + 1;
  }
  if (direction === 1) return flagged[lo] ?? flagged[0]!;
  const before = flagged[lo - 1] === at ? lo - 2 : lo - 1;
  return before >= 0 ? flagged[before]! : flagged[flagged.length - 1]!;
}

/** `at` moved by `delta`, kept inside 0..count-1. */
export function clampIndex(at: number, delta: number, count: number): number {
  if (count <= 0) return 0;
  return Math.max(0, Math.min(count - 1, at + delta));
}

/**
 * The token on the next / previous visual line nearest to `x`. `boxes(i)` gives token i's first line
 * box (top, left, right); lines are told apart by their top. Scans from `at` outward, so the cost is
 * the length of two lines, not of the text.
 */
export function lineNeighbour(
  at: number,
  direction: 1 | -1,
  count: number,
  boxes: (i: number) => { top: number; left: number; right: number },
): number {
  const here = boxes(at);
  const x = (here.left + here.right) / 2;
  let i = at + direction;
  while (i >= 0 && i < count && Math.abs(boxes(i).top - here.top) < 2) i += direction;
  if (i < 0 || i >= count) return at;
  const lineTop = boxes(i).top;
  let best = i;
  let bestDist = Number.POSITIVE_INFINITY;
  for (let j = i; j >= 0 && j < count; j += direction) {
    const b = boxes(j);
    if (Math.abs(b.top - lineTop) >= 2) break;
    const d = x < b.left ? b.left - x : x > b.right ? x - b.right : 0;
    if (d < bestDist) {
      bestDist = d;
      best = j;
    }
  }
  return best;
}
