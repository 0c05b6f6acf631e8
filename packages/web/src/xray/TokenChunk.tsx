import type { TokenAnalysis } from '@tokenscope/core';
import { Component } from 'preact';
import { TokenSpan } from './TokenSpan.js';
import type { SpanPart } from './tokenMarkers.js';

/** Tokens per chunk: token i is `box.children[i / CHUNK].children[i % CHUNK]`. */
export const CHUNK = 200;

export interface TokenChunkProps {
  tokens: readonly TokenAnalysis[];
  spans: readonly SpanPart[];
  start: number;
  focusIndex: number;
  activeIndex: number | null;
  linkedIndex: number | null;
  pinnedIndex: number | null;
  showSpaces: boolean;
  tipId: string;
}

const INDEX_PROPS = ['focusIndex', 'activeIndex', 'linkedIndex', 'pinnedIndex'] as const;

/**
 * CHUNK tokens in a plain inline span (it does not change the layout). When only the focused,
 * hovered, pinned or linked token moves, only the chunks holding the old and new token re-render,
 * so moving around a 10,000-token answer touches a few hundred elements, not all of them; while an
 * answer streams, only the chunk that grows re-renders.
 */
export class TokenChunk extends Component<TokenChunkProps> {
  override shouldComponentUpdate(next: TokenChunkProps): boolean {
    const a = this.props;
    if (a.showSpaces !== next.showSpaces || a.start !== next.start || a.tipId !== next.tipId) return true;
    const end = next.start + CHUNK;
    if (a.tokens !== next.tokens || a.spans !== next.spans) {
      // A streaming answer grows: a chunk whose own tokens (the same TokenAnalysis objects, see
      // growingAnalysis) and span marks did not change is not rendered again.
      for (let i = next.start; i < end; i++) {
        if (a.tokens[i] !== next.tokens[i] || (a.spans[i] ?? 'none') !== (next.spans[i] ?? 'none'))
          return true;
      }
    }
    const inside = (i: number | null) => i !== null && i >= next.start && i < end;
    return INDEX_PROPS.some((k) => a[k] !== next[k] && (inside(a[k]) || inside(next[k])));
  }

  override render() {
    const p = this.props;
    const end = Math.min(p.tokens.length, p.start + CHUNK);
    const out = [];
    for (let i = p.start; i < end; i++) {
      const t = p.tokens[i]!;
      out.push(
        <TokenSpan
          key={i}
          token={t}
          span={p.spans[i] ?? 'none'}
          tabStop={i === p.focusIndex}
          active={i === p.activeIndex}
          linked={i === p.linkedIndex}
          pinned={i === p.pinnedIndex}
          showSpaces={p.showSpaces}
          tipId={p.tipId}
        />,
      );
    }
    return <span class="xr-chunk">{out}</span>;
  }
}

/** The element of token `i` inside the text box (see CHUNK). */
export function tokenElement(box: Element | null | undefined, i: number): HTMLElement | undefined {
  if (!box || i < 0) return undefined;
  return box.children[Math.floor(i / CHUNK)]?.children[i % CHUNK] as HTMLElement | undefined;
}
