import stringWidth from 'string-width';
import type { Analysis } from '../analysis/Analysis.js';
import { BANDS, CLUES, type Clue } from '../analysis/Thresholds.js';
import { ANSI_BAND_STYLES } from './ansiStyles.js';
import { quoteText } from './escapeControls.js';
import { formatLogprob, formatNumber, formatProbability } from './formatProbability.js';
import { bandRange, CLUE_MARKERS, clueRule, DISCLAIMER, SPAN_MARKS } from './legend.js';
import { styled } from './wrapPieces.js';
import { controlNote } from './xray/controlMarker.js';

/**
 * The part of the terminal view below the text: legend, summary, low-confidence spans (with the
 * alternatives at the weakest token), critical facts, sentences and the disclaimer. All token text is
 * quoted with controls escaped. Lines are wrapped at `width` between items.
 */
export function ansiSummary(analysis: Analysis, opts: { color: boolean; width: number }): string {
  const { color, width } = opts;
  const para = (text: string) => wrapItems('', text.split(' '), width);
  const bold = (text: string) => para(text).map((l) => (color ? styled(l, '1') : l));
  const th = analysis.thresholds;
  const s = analysis.summary;
  const out: string[] = [];

  const bands = BANDS.map(
    (b) => `${color ? styled(`\u00a0${b}\u00a0`, ANSI_BAND_STYLES[b]) : b} ${bandRange(b, th)}`,
  );
  out.push(...wrapItems(`${bold('Bands:')[0]} `, dotted(bands), width));
  const marks = CLUES.map((c) => `${CLUE_MARKERS[c].glyph} ${CLUE_MARKERS[c].label} (${clueRule(c, th)})`);
  if (!color) marks.push(`${SPAN_MARKS.open}…${SPAN_MARKS.close} low-confidence span`);
  else marks.push('underlined: low-confidence span');
  out.push(...wrapItems(`${bold('Marks:')[0]} `, dotted(marks), width));

  const minTok = s.minProbIndex === null ? undefined : analysis.tokens[s.minProbIndex];
  const summary = [
    `${s.tokens} tokens${s.scoredTokens < s.tokens ? ` (${s.tokens - s.scoredTokens} below top-k)` : ''}${controlNote(s)}`,
    `mean logprob ${formatLogprob(s.meanLogprob)}`,
    `perplexity ${formatNumber(s.perplexity, 3)}`,
    `min p ${formatProbability(s.minProb, '< top-k')}${minTok ? ` at ${quoteText(minTok.text)} (#${minTok.index})` : ''}`,
    `${s.flaggedTokens} flagged${s.flaggedTokens ? ` (${clueList(CLUES.filter((c) => s.clueCounts[c] > 0).map((c) => `${c} ${s.clueCounts[c]}`))})` : ''}`,
  ];
  out.push('', ...wrapItems(`${bold('Summary:')[0]} `, dotted(summary), width));

  if (analysis.spans.length) {
    out.push('', ...bold(`Low-confidence spans (${analysis.spans.length}):`));
    analysis.spans.forEach((span, i) => {
      const weak = analysis.tokens[span.weakest];
      const alts = span.alternatives.map(
        (a) => `${quoteText(a.text)} ${formatProbability(a.prob, '< top-k')}`,
      );
      const items = [
        quoteText(span.text),
        `· min p ${formatProbability(span.minProb, '< top-k')}`,
        `· ${clueList(span.clues)}`,
        ...(alts.length
          ? [
              `· alternatives at ${quoteText(weak?.text ?? '')}:`,
              ...alts.map((a, k) => (k < alts.length - 1 ? `${a},` : a)),
            ]
          : []),
      ];
      out.push(...wrapItems(`  ${i + 1}. `, items, width));
    });
  }

  if (analysis.facts.length) {
    out.push('', ...bold(`Critical facts (${analysis.facts.length}):`));
    for (const f of analysis.facts) {
      const items = [
        `${f.kind} ${quoteText(f.text)}`,
        `· min p ${formatProbability(f.minProb, '< top-k')}`,
        `· mean logprob ${formatLogprob(f.meanLogprob)}${f.flagged ? ' · flagged' : ''}`,
      ];
      out.push(...wrapItems('  ', items, width));
    }
  }

  if (analysis.sentences.length) {
    out.push('', ...bold('Sentences (mean logprob):'));
    for (const sen of analysis.sentences) {
      const lp = formatLogprob(sen.meanLogprob).padStart(8);
      const flags = sen.flaggedTokens ? ` (${sen.flaggedTokens} flagged)` : '';
      out.push(...wrapItems(`  ${lp}  `, `${quoteText(sen.text.trim())}${flags}`.split(' '), width));
    }
  }

  out.push('', ...para(DISCLAIMER));
  return out.join('\n');
}

/** Items after the first get a leading `·` separator. */
function dotted(items: readonly string[]): string[] {
  return items.map((x, i) => (i ? `· ${x}` : x));
}

function clueList(clues: readonly (Clue | string)[]): string {
  return clues.join(', ');
}

/** Joins items with spaces, breaking lines at `width` (0 = never); continuation lines are indented. */
export function wrapItems(prefix: string, items: readonly string[], width: number): string[] {
  const limit = width > 0 ? width : Number.POSITIVE_INFINITY;
  const indent = ' '.repeat(Math.min(stringWidth(prefix), 8));
  const lines: string[] = [];
  let line = prefix;
  let col = stringWidth(prefix);
  let fresh = true;
  for (const item of items.flatMap((it) => hardSplit(it, limit - indent.length))) {
    const w = stringWidth(item);
    if (!fresh && col + 1 + w > limit) {
      lines.push(line);
      line = indent + item;
      col = indent.length + w;
    } else {
      line += fresh ? item : ` ${item}`;
      col += fresh ? w : w + 1;
    }
    fresh = false;
  }
  lines.push(line);
  return lines;
}

/** Splits an item wider than `max` columns at spaces, then plain words at grapheme boundaries. */
function hardSplit(item: string, max: number): string[] {
  if (stringWidth(item) <= max) return [item];
  if (item.includes(' ')) return item.split(' ').flatMap((w) => hardSplit(w, max));
  if (item.includes('\u001b')) return [item];
  const out: string[] = [];
  let cur = '';
  let w = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(item)) {
    const gw = stringWidth(segment);
    if (w + gw > max && cur) {
      out.push(cur);
      cur = '';
      w = 0;
    }
    cur += segment;
    w += gw;
  }
  if (cur) out.push(cur);
  return out;
}
