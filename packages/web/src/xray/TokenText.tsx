import type { TokenAnalysis } from '@tokenscope/core';
import type { Ref } from 'preact';
import { CHUNK, TokenChunk } from './TokenChunk.js';
import type { SpanPart } from './tokenMarkers.js';

export interface TokenTextProps {
  tokens: readonly TokenAnalysis[];
  spans: readonly SpanPart[];
  focusIndex: number;
  activeIndex: number | null;
  linkedIndex: number | null;
  pinnedIndex: number | null;
  showSpaces: boolean;
  tipId: string;
  containerRef: Ref<HTMLDivElement>;
  onMouseOver: (e: MouseEvent) => void;
  onMouseLeave: () => void;
  onClick: (e: MouseEvent) => void;
  onFocusIn: (e: FocusEvent) => void;
  onFocusOut: (e: FocusEvent) => void;
  onScroll: () => void;
}

/**
 * The answer, token by token, in chunks (see TokenChunk; `tokenElement` finds token i). The container
 * handles every event (delegation: no listener per token), and only one token is in the tab order.
 */
export function TokenText(p: TokenTextProps) {
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: events are delegated from the focusable tokens (keys: the X-ray root)
    // biome-ignore lint/a11y/useKeyWithMouseEvents: the same: focus shows what hover shows
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would change the text's layout
    <div
      ref={p.containerRef}
      class="xr-text"
      role="group"
      aria-label="Answer, token by token. Arrows move, n and p jump between flagged tokens, Enter explores, Space pins."
      data-testid="xray-text"
      onMouseOver={p.onMouseOver}
      onMouseLeave={p.onMouseLeave}
      onClick={p.onClick}
      onFocusIn={p.onFocusIn}
      onFocusOut={p.onFocusOut}
      onScroll={p.onScroll}
    >
      {chunkStarts(p.tokens.length).map((start) => (
        <TokenChunk
          key={start}
          start={start}
          tokens={p.tokens}
          spans={p.spans}
          focusIndex={p.focusIndex}
          activeIndex={p.activeIndex}
          linkedIndex={p.linkedIndex}
          pinnedIndex={p.pinnedIndex}
          showSpaces={p.showSpaces}
          tipId={p.tipId}
        />
      ))}
    </div>
  );
}

/** The token index of an event target inside the text, or null. */
export function tokenIndexOf(target: EventTarget | null): number | null {
  const el = target instanceof Element ? target.closest<HTMLElement>('.xr-t') : null;
  if (!el) return null;
  const i = Number(el.dataset.i);
  return Number.isInteger(i) ? i : null;
}

function chunkStarts(count: number): number[] {
  const starts: number[] = [];
  for (let s = 0; s < count; s += CHUNK) starts.push(s);
  return starts;
}
