import { BANDS, DEFAULT_THRESHOLDS, type Thresholds } from '../analysis/Thresholds.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { ANSI_BAND_STYLES, ANSI_MARKER_STYLE, ANSI_SPAN_STYLE } from '../render/ansiStyles.js';
import { wrapItems } from '../render/ansiSummary.js';
import { quoteText } from '../render/escapeControls.js';
import { formatProbability } from '../render/formatProbability.js';
import { bandRange } from '../render/legend.js';
import { type Piece, styled, textPieces, wrapPieces } from '../render/wrapPieces.js';
import type { ConsistencyAnalysis } from './ConsistencyAnalysis.js';
import { CONSISTENCY_DISCLAIMER, consistencyLabel, supportFraction } from './consistencyLabel.js';
import { consistencySegments } from './consistencySegments.js';
import { shownEndingNotes } from './shownEndingNotes.js';

/** Options of `renderConsistencyText`. */
export interface ConsistencyTextOptions {
  /** Colour with 256-colour SGR codes (default true). False (NO_COLOR) emits no escape at all. */
  color?: boolean;
  /** Wrap at this many display columns (default 80); 0 disables wrapping. */
  width?: number;
  /** Band thresholds the analysis was made with (default: the token bands, 90/70/50/30 %). */
  thresholds?: Thresholds;
}

/** Marks of the colourless view: a critical fact, and a sentence's support after it. */
export const CONSISTENCY_MARKS = {
  factOpen: '⟦',
  factClose: '⟧',
  supportOpen: '[',
  supportClose: ']',
} as const;

/**
 * Renders a consistency result for a terminal, like the X-ray's view: the sampling-based label, the
 * shown answer with each sentence coloured by its agreement band and each critical fact underlined
 * and followed by its support (`[3/5]`, coloured by the fact's band), then the agreement, the legend,
 * the distinct answers (short mode), the sentences and facts with their support, and the
 * disclaimer. Without colour, facts stand in ⟦…⟧ and every sentence is followed by its support, so
 * nothing relies on colour. Model text never reaches the terminal raw: controls are escaped.
 */
export function renderConsistencyText(
  analysis: ConsistencyAnalysis,
  options: ConsistencyTextOptions = {},
): string {
  const color = options.color ?? true;
  const width = options.width ?? 80;
  if (!Number.isInteger(width) || (width !== 0 && width < 20)) {
    throw new InvalidOptionError('width', `expected an integer >= 20 (or 0 for no wrapping), got ${width}`);
  }
  const th = options.thresholds ?? DEFAULT_THRESHOLDS;
  const bold = (text: string) => (color ? styled(text, '1') : text);
  const para = (prefix: string, text: string) => wrapItems(prefix, text.split(' '), width);
  const n = analysis.samples.length;
  const out: string[] = [];

  out.push(...para(`${bold('Confidence:')} `, consistencyLabel(analysis)), '');
  for (const note of shownEndingNotes(analysis))
    out.push(...para(`${bold(`${note.title}:`)} `, note.text), '');
  out.push(analysis.text.trim() === '' ? '(empty answer)' : wrapPieces(answerPieces(analysis, color), width));

  const verdict = [
    `${formatProbability(analysis.agreement)} (${analysis.band})`,
    ...(analysis.mode === 'long' && analysis.sentences.length > 1
      ? [`· lowest sentence ${formatProbability(analysis.minAgreement)}`]
      : []),
    `· ${analysis.mode === 'short' ? 'whole answers compared' : 'sentences and facts compared'}`,
  ];
  out.push('', ...wrapItems(`${bold('Agreement:')} `, verdict, width));
  const bands = BANDS.map(
    (b, i) =>
      `${i ? '· ' : ''}${color ? styled(`\u00a0${b}\u00a0`, ANSI_BAND_STYLES[b]) : b} ${bandRange(b, th, 'agreement')}`,
  );
  out.push(...wrapItems(`${bold('Bands:')} `, bands, width));
  const marks = color
    ? [
        'background: the sentence’s agreement band,',
        'underlined: critical fact,',
        `[k/${n}]: samples that carry it`,
      ]
    : [
        `${CONSISTENCY_MARKS.factOpen}…${CONSISTENCY_MARKS.factClose} critical fact,`,
        `[k/${n}] after a fact or sentence: samples that carry it`,
      ];
  out.push(...wrapItems(`${bold('Marks:')} `, marks, width));

  if (analysis.mode === 'short' && analysis.answers.length) {
    out.push('', ...para('', `Answers (${analysis.answers.length} distinct in ${n} samples):`).map(bold));
    for (const a of analysis.answers) {
      out.push(...wrapItems(`  ${`${a.count}/${n}`.padStart(5)}  `, quoteText(a.text).split(' '), width));
    }
  }
  if (analysis.mode === 'long' && analysis.sentences.length) {
    out.push('', ...para('', 'Sentences (samples carrying each):').map(bold));
    for (const s of analysis.sentences) {
      const frac = supportFraction(s, analysis).padStart(5);
      out.push(
        ...wrapItems(
          `  ${color ? styled(frac, ANSI_BAND_STYLES[s.band]) : frac}  `,
          quoteText(s.text).split(' '),
          width,
        ),
      );
    }
  }
  if (analysis.facts.length) {
    out.push('', ...para('', 'Critical facts (samples carrying each):').map(bold));
    for (const f of analysis.facts) {
      const frac = supportFraction(f, analysis).padStart(5);
      out.push(
        ...wrapItems(
          `  ${color ? styled(frac, ANSI_BAND_STYLES[f.band]) : frac}  `,
          `${f.kind} ${quoteText(f.text)}`.split(' '),
          width,
        ),
      );
    }
  }
  out.push('', ...para('', CONSISTENCY_DISCLAIMER));
  return `${out.join('\n')}\n`;
}

/** The shown answer as pieces: sentences in their band, facts underlined with their support after. */
function answerPieces(analysis: ConsistencyAnalysis, color: boolean): Piece[] {
  const pieces: Piece[] = [];
  for (const seg of consistencySegments(analysis)) {
    const sentence = seg.sentence === null ? undefined : analysis.sentences[seg.sentence];
    const fact = seg.fact === null ? undefined : analysis.facts[seg.fact];
    const base = color && sentence ? ANSI_BAND_STYLES[sentence.band] : null;
    const style = fact && color ? `${base ?? '0'};${ANSI_SPAN_STYLE}` : base;
    const parts = textPieces(seg.text, style);
    if (fact && !color && seg.charStart === fact.charStart) {
      parts.unshift({ kind: 'word', text: CONSISTENCY_MARKS.factOpen, style: null });
    }
    if (fact && seg.endsFact) {
      if (!color) parts.push({ kind: 'word', text: CONSISTENCY_MARKS.factClose, style: null });
      parts.push({
        kind: 'word',
        text: support(fact.support, analysis),
        style: color ? ANSI_MARKER_STYLE : null,
      });
    }
    pieces.push(...parts);
    if (sentence && seg.endsSentence && !color) {
      pieces.push({ kind: 'space', text: ' ', style: null });
      pieces.push({ kind: 'word', text: support(sentence.support, analysis), style: null });
    }
  }
  return pieces;
}

function support(k: number, analysis: ConsistencyAnalysis): string {
  return `${CONSISTENCY_MARKS.supportOpen}${k}/${analysis.samples.length}${CONSISTENCY_MARKS.supportClose}`;
}
