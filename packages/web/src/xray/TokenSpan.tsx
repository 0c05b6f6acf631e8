import type { TokenAnalysis } from '@tokenscope/core';
import { controlMarker, markerGlyphs } from '@tokenscope/core';
import { Component } from 'preact';
import { displayParts, type SpanPart, tokenLabel, tokenSpanClasses } from './tokenMarkers.js';

export interface TokenSpanProps {
  token: TokenAnalysis;
  span: SpanPart;
  /** The one token of the text that is in the tab order (roving tabindex). */
  tabStop: boolean;
  /** Its tooltip is showing. */
  active: boolean;
  /** Pointed at from the chart. */
  linked: boolean;
  pinned: boolean;
  showSpaces: boolean;
  tipId: string;
}

/**
 * One token of the text: a text-only span (token text is attacker-controlled: it only ever becomes a
 * text node), coloured by band, underlined per clue, with the clue glyphs after it. Re-renders only
 * when something it shows changed, so a streaming answer of thousands of tokens stays cheap.
 */
export class TokenSpan extends Component<TokenSpanProps> {
  override shouldComponentUpdate(next: TokenSpanProps): boolean {
    const a = this.props;
    const t = a.token;
    const u = next.token;
    return (
      a.span !== next.span ||
      a.tabStop !== next.tabStop ||
      a.active !== next.active ||
      a.linked !== next.linked ||
      a.pinned !== next.pinned ||
      a.showSpaces !== next.showSpaces ||
      t.text !== u.text ||
      t.band !== u.band ||
      t.prob !== u.prob ||
      t.flagged !== u.flagged ||
      t.clues.join() !== u.clues.join()
    );
  }

  override render() {
    const { token: t, span, tabStop, active, linked, pinned, showSpaces, tipId } = this.props;
    let cls = tokenSpanClasses(t, span);
    if (t.text === '' && !t.control) cls += ' xr-empty';
    if (active) cls += ' xr-active';
    if (linked) cls += ' xr-linked';
    if (pinned) cls += ' xr-pinned';
    const glyphs = markerGlyphs(t.clues);
    const parts = displayParts(t.text, showSpaces);
    const endsWithNewline = t.text.endsWith('\n');
    const children = [];
    // A control token (end of turn, ...) is not part of the text: a small marker stands in its place.
    if (t.control) children.push(controlMarker(t));
    for (let p = 0; p < parts.length; p++) {
      const part = parts[p]!;
      const last = p === parts.length - 1 || (endsWithNewline && p === parts.length - 2);
      if (part.newlineGlyph) {
        children.push(part.text.slice(0, -1));
        children.push(
          <span class="xr-nl" aria-hidden="true">
            ↵
          </span>,
        );
        if (last && glyphs)
          children.push(
            <span class="xr-mk" aria-hidden="true">
              {glyphs}
            </span>,
          );
        children.push('\n');
      } else if (part.text !== '') {
        children.push(part.text);
      }
    }
    if (!endsWithNewline && glyphs)
      children.push(
        <span class="xr-mk" aria-hidden="true">
          {glyphs}
        </span>,
      );
    return (
      // biome-ignore lint/a11y/useSemanticElements: a <button> cannot wrap across lines inside flowing text
      <span
        class={cls}
        data-i={t.index}
        tabIndex={tabStop ? 0 : -1}
        role="button"
        aria-label={tokenLabel(t)}
        aria-describedby={active ? tipId : undefined}
        aria-pressed={pinned}
      >
        {children}
      </span>
    );
  }
}
