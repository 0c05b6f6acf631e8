/** A rectangle in viewport coordinates. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where to put the tooltip: viewport coordinates, the side chosen, and a height cap when space is short. */
export interface TooltipPlacement {
  left: number;
  top: number;
  side: 'below' | 'above';
  /** Set when the tooltip is taller than the room on the chosen side: it scrolls inside this height. */
  maxHeight?: number;
}

const MARGIN = 8;
const GAP = 4;

/**
 * Places a tooltip next to the token's LINE, never over it, and where it can, clear of the NEXT line
 * too (the line the reader goes on to). In order of preference: below the next line; above the
 * token's line; right below the token's line; else on the side with more room with its height capped
 * (so the line being read stays visible). `first` and `last` are the token's first and last line
 * boxes (a token can wrap); `leading` is the extra half-leading above and below the glyphs;
 * `linePitch` is the distance between two lines (0: no next line to keep clear). Horizontally it
 * starts at the token and is clamped inside the viewport.
 */
export function placeTooltip(
  first: Box,
  last: Box,
  size: { width: number; height: number },
  viewport: { width: number; height: number },
  leading = 0,
  linePitch = 0,
): TooltipPlacement {
  const belowTop = last.bottom + leading + GAP;
  const aboveBottom = first.top - leading - GAP;
  const roomBelow = viewport.height - MARGIN - belowTop;
  const roomAbove = aboveBottom - MARGIN;
  const maxLeft = viewport.width - MARGIN - size.width;
  const at = (box: Box) => Math.max(MARGIN, Math.min(box.left, maxLeft));
  if (size.height <= roomBelow - Math.max(0, linePitch)) {
    return { left: at(last), top: belowTop + linePitch, side: 'below' };
  }
  const anchor = size.height <= roomAbove ? 'above' : size.height <= roomBelow ? 'below' : null;
  const side = anchor ?? (roomBelow >= roomAbove ? 'below' : 'above');
  const left = at(side === 'below' ? last : first);
  if (anchor === null) {
    const maxHeight = Math.max(0, side === 'below' ? roomBelow : roomAbove);
    const top = side === 'below' ? belowTop : aboveBottom - maxHeight;
    return { left, top, side, maxHeight };
  }
  const top = side === 'below' ? belowTop : aboveBottom - size.height;
  return { left, top, side };
}
