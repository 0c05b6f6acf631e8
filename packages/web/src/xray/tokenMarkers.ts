import type { TokenAnalysis } from '@tokenscope/core';
import {
  CLUE_MARKERS,
  CONTROL_MARKER_LABEL,
  controlName,
  escapeControls,
  formatProbability,
  quoteText,
  tokenClasses,
} from '@tokenscope/core';

/** Where a token sits in a low-confidence span (for the dashed frame drawn around the span). */
export type SpanPart = 'none' | 'start' | 'middle' | 'end' | 'single';

/**
 * The class list of a token: core's `tokenClasses` (band, clue underlines, flagged, special, as in the
 * HTML report) with the `xr-` prefix, and its place in a span.
 */
export function tokenSpanClasses(
  t: Pick<TokenAnalysis, 'band' | 'clues' | 'flagged' | 'special' | 'control'>,
  span: SpanPart,
): string {
  const cls = tokenClasses(t, 'xr-');
  if (span !== 'none') cls.push('xr-span', `xr-span-${span}`);
  return cls.join(' ');
}

/** For each token index, its place in the analysis' low-confidence spans. */
export function spanParts(count: number, spans: ReadonlyArray<{ start: number; end: number }>): SpanPart[] {
  const parts: SpanPart[] = new Array<SpanPart>(count).fill('none');
  for (const s of spans) {
    const last = Math.min(s.end, count) - 1;
    for (let i = s.start; i <= last; i++) {
      parts[i] = s.start === last ? 'single' : i === s.start ? 'start' : i === last ? 'end' : 'middle';
    }
  }
  return parts;
}

/**
 * What the text shows for a token: controls escaped (`\e`, `\x07`, `\u202e`), newlines and tabs kept
 * (the text is laid out with `white-space: pre-wrap`), and a glyph before each newline so line breaks
 * inside the answer are visible. `spaces` makes spaces visible as `·` too.
 */
export function displayParts(text: string, spaces = false): { text: string; newlineGlyph: boolean }[] {
  const escaped = escapeControls(text);
  const lines = escaped.split('\n');
  return lines.map((line, i) => ({
    text: (spaces ? line.replace(/ /g, '·') : line) + (i < lines.length - 1 ? '\n' : ''),
    newlineGlyph: i < lines.length - 1,
  }));
}

/** The accessible name of a token: its text, probability, band and clues, e.g. `"Lily", 92.6 %, green band, ambiguous`. */
export function tokenLabel(t: TokenAnalysis): string {
  const text = t.control
    ? `${quoteText(controlName(t))}, ${CONTROL_MARKER_LABEL}`
    : t.text === ''
      ? 'part of a character'
      : quoteText(t.text);
  const clues = t.clues.map((c) => CLUE_MARKERS[c].label);
  return [
    text,
    formatProbability(t.prob, 'below the top-k'),
    `${t.band} band`,
    ...clues,
    `token ${t.index + 1}`,
  ].join(', ');
}
