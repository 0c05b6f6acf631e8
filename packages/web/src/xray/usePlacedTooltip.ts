import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { placeTooltip } from './placeTooltip.js';

export interface PlacedTooltipOptions {
  /** The element whose line height and font size the anchor's text has. */
  textOf: (anchor: HTMLElement) => Element;
  /** Pass the line pitch to `placeTooltip` (tokens: yes; whole sentences and facts: no). */
  linePitch: boolean;
}

/**
 * Places a tooltip next to `anchor`'s line (below it, above when there is no room, never over it),
 * kept in the viewport, and follows scrolling and resizing. Returns the ref for the tooltip's box.
 */
export function usePlacedTooltip(
  anchor: HTMLElement,
  options: PlacedTooltipOptions,
): RefObject<HTMLDivElement | null> {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const tip = box.current;
    if (!tip) return;
    const place = () => {
      const rects = anchor.getClientRects();
      const first = rects[0] ?? anchor.getBoundingClientRect();
      const last = rects[rects.length - 1] ?? first;
      const style = getComputedStyle(options.textOf(anchor));
      const lh = Number.parseFloat(style.lineHeight) || 0;
      const fs = Number.parseFloat(style.fontSize) || 0;
      tip.style.maxHeight = '';
      const placed = placeTooltip(
        first,
        last,
        { width: tip.offsetWidth, height: tip.offsetHeight },
        { width: document.documentElement.clientWidth, height: window.innerHeight },
        lh > fs ? (lh - fs) / 2 : 0,
        options.linePitch ? (lh > 0 ? lh : fs * 1.2) : 0,
      );
      tip.style.left = `${placed.left}px`;
      tip.style.top = `${placed.top}px`;
      tip.dataset.side = placed.side;
      if (placed.maxHeight !== undefined) tip.style.maxHeight = `${placed.maxHeight}px`;
    };
    place();
    window.addEventListener('scroll', place, { capture: true, passive: true });
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, { capture: true });
      window.removeEventListener('resize', place);
    };
  });
  return box;
}
