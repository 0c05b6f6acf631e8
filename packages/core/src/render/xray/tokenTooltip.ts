import type { TokenAnalysis } from '../../analysis/Analysis.js';
import { visibleWhitespace } from '../escapeControls.js';
import { formatEntropy, formatLogprob, formatNumber, formatProbability } from '../formatProbability.js';
import { CLUE_MARKERS, type ClueMarker } from '../legend.js';
import { CONTROL_MARKER_LABEL, controlName } from './controlMarker.js';

/** One row of the tooltip's alternatives table (alternative, p, logprob, bytes). */
export interface TooltipRow {
  /** The alternative, whitespace visible (`␣D`). */
  text: string;
  prob: string;
  logprob: string;
  /** Its bytes in hex (`20 44`), or empty when the provider sent none. */
  bytes: string;
  /** The token that was sampled. */
  chosen: boolean;
}

/** What a token's tooltip says, the same in the HTML report and the web app. */
export interface TokenTooltipLines {
  /** The token, whitespace visible. */
  token: string;
  /** `token #12`, with `(provider sent …)` when the provider's text differed. */
  where: string;
  /** `p 92.6 %`, `logprob -0.077`, `rank 1 of 3`, `margin …`, `surprisal … bits`, `entropy …`. */
  stats: string[];
  /** Its clues' markers (glyph and label). */
  clues: ClueMarker[];
  /** The top-k, the sampled token marked; added last when it is not in the top-k (or there is none). */
  rows: TooltipRow[];
  /** `the top-3 alternatives cover 97.2 % of the probability`, or `no alternatives reported`. */
  mass: string;
}

/** The column heads of `rows`. */
export const TOOLTIP_COLUMNS = ['alternative', 'p', 'logprob', 'bytes'] as const;

const BELOW = 'below the top-k';

function hex(bytes: readonly number[] | null): string {
  return bytes ? bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ') : '';
}

/** `rank 2 of 5`, `not in the top-5`, or `rank n/a` when no alternatives were reported. */
function rankText(t: TokenAnalysis): string {
  const k = t.top.length;
  if (k === 0) return 'rank n/a';
  return t.rank === null ? `not in the top-${k}` : `rank ${t.rank} of ${k}`;
}

/** The lines of one token's tooltip: its numbers, clues, top-k alternatives and the mass they cover. */
export function tokenTooltip(t: TokenAnalysis): TokenTooltipLines {
  const k = t.top.length;
  const shown = t.control ? controlName(t) : visibleWhitespace(t.text);
  const rows: TooltipRow[] = t.top.map((a, i) => ({
    text: visibleWhitespace(a.text),
    prob: formatProbability(a.prob, BELOW),
    logprob: formatLogprob(a.logprob),
    bytes: hex(a.bytes),
    chosen: t.rank !== null && i === t.rank - 1,
  }));
  if (t.rank === null) {
    rows.push({
      text: `${shown} (sampled${k === 0 ? '' : `, not in the top-${k}`})`,
      prob: formatProbability(t.prob, BELOW),
      logprob: formatLogprob(t.logprob),
      bytes: hex(t.bytes),
      chosen: true,
    });
  }
  return {
    token: shown,
    where: t.control
      ? `token #${t.index} (${CONTROL_MARKER_LABEL})`
      : `token #${t.index}${t.rawText === undefined ? '' : ` (provider sent ${visibleWhitespace(t.rawText)})`}`,
    stats: [
      `p ${formatProbability(t.prob, BELOW)}`,
      `logprob ${formatLogprob(t.logprob)}`,
      rankText(t),
      `margin ${formatNumber(t.margin, 3)}`,
      `surprisal ${t.surprisal === null ? 'n/a' : `${formatNumber(t.surprisal, 2)} bits`}`,
      `entropy ${formatEntropy(t.entropy, t.entropyUpper, t.entropyExact)}`,
    ],
    clues: t.clues.map((c) => CLUE_MARKERS[c]),
    rows,
    mass:
      k === 0
        ? 'no alternatives reported'
        : `the top-${k} alternatives cover ${formatProbability(t.topMass)} of the probability`,
  };
}
