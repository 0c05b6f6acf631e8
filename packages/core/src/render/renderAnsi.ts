import type { Analysis } from '../analysis/Analysis.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import {
  ANSI_BAND_STYLES,
  ANSI_CONTROL_STYLE,
  ANSI_MARKER_STYLE,
  ANSI_SPAN_STYLE,
  ANSI_WARNING_STYLE,
} from './ansiStyles.js';
import { ansiSummary } from './ansiSummary.js';
import { escapeControls } from './escapeControls.js';
import { CLUE_MARKERS, SPAN_MARKS } from './legend.js';
import { renderConstraintAnsi } from './renderConstraintAnsi.js';
import { type Piece, textPieces, wrapPieces } from './wrapPieces.js';
import { controlMarker } from './xray/controlMarker.js';
import { endingNoteLine, endingNotes } from './xray/endingNotes.js';

/** Options of `renderAnsi`. */
export interface AnsiOptions {
  /** Colour with 256-colour SGR codes (default true). False (NO_COLOR) emits no escape at all. */
  color?: boolean;
  /** Wrap at this many display columns (default 80); 0 disables wrapping. */
  width?: number;
  /** Print the legend, summary, spans, facts, sentences and disclaimer below the text (default true). */
  summary?: boolean;
}

/**
 * Renders the analysis as a terminal "X-ray": each token's text coloured by confidence band, a marker
 * glyph after a flagged token for each clue, low-confidence spans underlined (or in ⟦…⟧ without
 * colour), a control token (end of turn, ...) as a dim marker such as `⟨eot_id⟩`, wrapped at `width`
 * display columns, then (with `summary`) the legend and the numbers. The analysis' warnings (a lenient
 * parse's problems) and how it ended when that matters (`endingNotes`: cut off, incomplete) come
 * first, one paragraph each.
 * Token text never reaches the terminal raw: control characters are shown escaped.
 */
export function renderAnsi(analysis: Analysis, options: AnsiOptions = {}): string {
  const color = options.color ?? true;
  const width = options.width ?? 80;
  if (!Number.isInteger(width) || (width !== 0 && width < 20)) {
    throw new InvalidOptionError('width', `expected an integer >= 20 (or 0 for no wrapping), got ${width}`);
  }
  const body = warningsAbove(analysis, color, width) + wrapPieces(tokenPieces(analysis, color), width);
  if (options.summary === false) return `${body}\n`;
  const constraint = analysis.constraint
    ? `\n${renderConstraintAnsi(analysis.constraint, { color, width })}`
    : '';
  return `${body}\n\n${ansiSummary(analysis, { color, width })}\n${constraint}`;
}

/** The analysis' warnings (a lenient parse's problems) and ending notes, each a paragraph, then a blank line; or ''. */
function warningsAbove(analysis: Analysis, color: boolean, width: number): string {
  const warnings = [
    ...(analysis.warnings ?? []).map((w) => `Warning: ${w}`),
    ...endingNotes(analysis).map(endingNoteLine),
  ];
  if (warnings.length === 0) return '';
  const style = color ? ANSI_WARNING_STYLE : null;
  const paragraphs = warnings.map((warning) => {
    const pieces: Piece[] = [];
    escapeControls(warning)
      .split(' ')
      .forEach((word, i) => {
        if (i > 0) pieces.push({ kind: 'space', text: ' ', style: null });
        pieces.push({ kind: 'word', text: word, style });
      });
    return wrapPieces(pieces, width);
  });
  return `${paragraphs.join('\n')}\n\n`;
}

function tokenPieces(analysis: Analysis, color: boolean): Piece[] {
  const spanStarts = new Set(analysis.spans.map((s) => s.start));
  const spanEnds = new Set(analysis.spans.map((s) => s.end - 1));
  const inSpan = new Set<number>();
  for (const s of analysis.spans) for (let i = s.start; i < s.end; i++) inSpan.add(i);
  const pieces: Piece[] = [];
  for (const token of analysis.tokens) {
    if (token.control) {
      pieces.push({ kind: 'word', text: controlMarker(token), style: color ? ANSI_CONTROL_STYLE : null });
      continue;
    }
    const base = color ? ANSI_BAND_STYLES[token.band] : null;
    const style = base && inSpan.has(token.index) ? `${base};${ANSI_SPAN_STYLE}` : base;
    const parts = textPieces(token.text, style);
    const firstWord = parts.findIndex((p) => p.kind === 'word');
    let lastWord = -1;
    parts.forEach((p, k) => {
      if (p.kind === 'word') lastWord = k;
    });
    const firstNewline = parts.findIndex((p) => p.kind === 'newline');
    const after = lastWord >= 0 ? lastWord + 1 : firstNewline >= 0 ? firstNewline : parts.length;
    const tail: Piece[] = token.clues.map((c) => ({
      kind: 'word',
      text: CLUE_MARKERS[c].glyph,
      style: color ? ANSI_MARKER_STYLE : null,
    }));
    if (!color && spanEnds.has(token.index)) tail.push({ kind: 'word', text: SPAN_MARKS.close, style: null });
    parts.splice(after, 0, ...tail);
    if (!color && spanStarts.has(token.index)) {
      const at = firstWord >= 0 ? firstWord : after;
      parts.splice(at, 0, { kind: 'word', text: SPAN_MARKS.open, style: null });
    }
    pieces.push(...parts);
  }
  return pieces;
}
