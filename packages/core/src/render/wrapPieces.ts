import stringWidth from 'string-width';
import { escapeControls } from './escapeControls.js';

/** A piece of terminal output: `word` text (no spaces), `space` (spaces and tabs) or a `newline`. */
export interface Piece {
  kind: 'word' | 'space' | 'newline';
  text: string;
  /** SGR parameters (`38;5;34`) or null for plain text. */
  style: string | null;
}

const TAB_STOP = 8;

/** Splits text into words, runs of spaces/tabs and newlines, all in `style`, with controls escaped. */
export function textPieces(text: string, style: string | null): Piece[] {
  const out: Piece[] = [];
  for (const m of text.matchAll(/\n|[ \t]+|[^ \t\n]+/g)) {
    const s = m[0];
    if (s === '\n') out.push({ kind: 'newline', text: s, style: null });
    else if (s[0] === ' ' || s[0] === '\t') out.push({ kind: 'space', text: s, style });
    else out.push({ kind: 'word', text: escapeControls(s), style });
  }
  return out;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** SGR escape for `style` around `text`, reset after. Text must already be free of controls. */
export function styled(text: string, style: string | null): string {
  return style && text ? `\u001b[${style}m${text}\u001b[0m` : text;
}

/**
 * Lays pieces out in lines at most `width` columns wide (display width: wide CJK and emoji count 2).
 * Lines break at spaces; a word wider than the line breaks at piece (token) boundaries, and a piece
 * wider than the line at grapheme boundaries. Explicit newlines always break; spaces at a soft break
 * are dropped; tabs expand to the next multiple of 8. Every escape sequence is emitted whole.
 * `width` 0 disables wrapping.
 */
export function wrapPieces(pieces: readonly Piece[], width: number): string {
  const limit = width > 0 ? width : Number.POSITIVE_INFINITY;
  const lines: string[] = [];
  let line = '';
  let col = 0;
  let pending: Piece[] = [];

  const breakLine = () => {
    lines.push(line);
    line = '';
    col = 0;
  };
  const spacesAt = (start: number): Array<{ text: string; style: string | null; width: number }> => {
    let c = start;
    return pending.map((p) => {
      let text = '';
      for (const ch of p.text) {
        const n = ch === '\t' ? TAB_STOP - (c % TAB_STOP) : 1;
        text += ' '.repeat(n);
        c += n;
      }
      return { text, style: p.style, width: text.length };
    });
  };
  const emit = (text: string, style: string | null, w: number) => {
    line += styled(text, style);
    col += w;
  };
  const emitPending = () => {
    for (const s of spacesAt(col)) emit(s.text, s.style, s.width);
    pending = [];
  };
  const emitBreakable = (p: Piece, w: number) => {
    if (col + w <= limit) return emit(p.text, p.style, w);
    if (w <= limit) {
      breakLine();
      return emit(p.text, p.style, w);
    }
    for (const { segment } of segmenter.segment(p.text)) {
      const gw = stringWidth(segment);
      if (col > 0 && col + gw > limit) breakLine();
      emit(segment, p.style, gw);
    }
  };

  let i = 0;
  while (i < pieces.length) {
    const p = pieces[i]!;
    if (p.kind === 'newline') {
      pending = [];
      breakLine();
      i++;
      continue;
    }
    if (p.kind === 'space') {
      pending.push(p);
      i++;
      continue;
    }
    let j = i;
    while (j < pieces.length && pieces[j]!.kind === 'word') j++;
    const word = pieces.slice(i, j);
    const widths = word.map((w) => stringWidth(w.text));
    const total = widths.reduce((a, b) => a + b, 0);
    const spaceWidth = spacesAt(col).reduce((a, s) => a + s.width, 0);
    if (col + spaceWidth + total <= limit) {
      emitPending();
      for (const [k, w] of word.entries()) emit(w.text, w.style, widths[k]!);
    } else if (total <= limit) {
      pending = [];
      if (col > 0) breakLine();
      for (const [k, w] of word.entries()) emit(w.text, w.style, widths[k]!);
    } else {
      if (col + spaceWidth < limit) emitPending();
      else {
        pending = [];
        if (col > 0) breakLine();
      }
      for (const [k, w] of word.entries()) emitBreakable(w, widths[k]!);
    }
    i = j;
  }
  lines.push(line);
  return lines.join('\n');
}
