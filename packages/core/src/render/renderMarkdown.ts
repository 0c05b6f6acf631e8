import type { Analysis } from '../analysis/Analysis.js';
import { CLUES, type Clue } from '../analysis/Thresholds.js';
import { escapeControls, visibleWhitespace } from './escapeControls.js';
import { escapeInline, escapeMarkdown, escapeTableCell } from './escapeMarkdown.js';
import { formatLogprob, formatNumber, formatProbability } from './formatProbability.js';
import { CLUE_MARKERS, clueRule, DISCLAIMER } from './legend.js';
import { renderConstraintMarkdown } from './renderConstraintMarkdown.js';
import { controlMarker, controlNote } from './xray/controlMarker.js';
import { endingNotes } from './xray/endingNotes.js';

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** `12` → `⁽¹²⁾`: the footnote-like marker after a low-confidence span. */
export function spanMarker(n: number): string {
  return `⁽${[...String(n)].map((d) => SUPERSCRIPT[Number(d)]).join('')}⁾`;
}

const cell = escapeTableCell;
const clueText = (clues: readonly Clue[]) => clues.map((c) => `${CLUE_MARKERS[c].glyph} ${c}`).join(', ');
const code = (text: string) => cell(visibleWhitespace(text));

/**
 * Renders the analysis as Markdown: the disclaimer, the warnings (if any), a summary table, the text with low-confidence
 * spans in bold followed by a numbered marker (⁽¹⁾), a table of those spans with the alternatives at
 * the weakest token, critical facts and sentences. All model text is escaped (`|` in table cells too).
 */
export function renderMarkdown(analysis: Analysis): string {
  const s = analysis.summary;
  const src = analysis.source;
  const minTok = s.minProbIndex === null ? undefined : analysis.tokens[s.minProbIndex];
  const out: string[] = ['# Tokenscope report', '', `> ${DISCLAIMER}`, ''];
  for (const warning of analysis.warnings ?? []) out.push(`> **Warning:** ${escapeInline(warning)}`, '');
  for (const note of endingNotes(analysis)) out.push(`> **${note.title}:** ${escapeInline(note.text)}`, '');
  out.push('| | |', '|---|---|');
  const rows: Array<[string, string]> = [
    ['Model', src.model ?? 'unknown'],
    ['Format', `${src.format} (${src.distribution} distribution, top-${src.topK})`],
    [
      'Tokens',
      `${s.tokens}${s.scoredTokens < s.tokens ? ` (${s.tokens - s.scoredTokens} below top-k)` : ''}${controlNote(s)}`,
    ],
    ['Mean logprob', formatLogprob(s.meanLogprob)],
    ['Perplexity', formatNumber(s.perplexity, 3)],
    [
      'Min p',
      `${formatProbability(s.minProb, '< top-k')}${minTok ? ` at ${visibleWhitespace(minTok.text)} (#${minTok.index})` : ''}`,
    ],
    [
      'Flagged tokens',
      `${s.flaggedTokens}${
        s.flaggedTokens
          ? ` (${CLUES.filter((c) => s.clueCounts[c])
              .map((c) => `${c} ${s.clueCounts[c]}`)
              .join(', ')})`
          : ''
      }`,
    ],
  ];
  for (const [k, v] of rows) out.push(`| ${k} | ${cell(v)} |`);
  out.push(
    '',
    escapeInline(
      `Clues: ${CLUES.map((c) => `${CLUE_MARKERS[c].glyph} ${c} (${clueRule(c, analysis.thresholds)})`).join(' · ')}.`,
    ),
  );

  out.push('', '## Text', '', markedText(analysis));

  out.push('', '## Low-confidence spans', '');
  if (!analysis.spans.length) out.push('None.');
  else {
    out.push('| # | Span | Min p | Clues | Alternatives at the weakest token |', '|---:|---|---:|---|---|');
    analysis.spans.forEach((span, i) => {
      const alts = span.alternatives
        .map((a) => `${code(a.text)} ${formatProbability(a.prob, '< top-k')}`)
        .join(', ');
      out.push(
        `| ${i + 1} | ${code(span.text)} | ${formatProbability(span.minProb, '< top-k')} | ${clueText(span.clues)} | ${alts || 'none reported'} |`,
      );
    });
  }

  if (analysis.constraint) out.push('', renderConstraintMarkdown(analysis.constraint).trimEnd());

  out.push('', '## Critical facts', '');
  if (!analysis.facts.length) out.push('None.');
  else {
    out.push('| Kind | Fact | Min p | Mean logprob | Flagged |', '|---|---|---:|---:|---|');
    for (const f of analysis.facts) {
      out.push(
        `| ${f.kind} | ${cell(f.text)} | ${formatProbability(f.minProb, '< top-k')} | ${formatLogprob(f.meanLogprob)} | ${f.flagged ? 'yes' : ''} |`,
      );
    }
  }

  out.push('', '## Sentences', '');
  if (!analysis.sentences.length) out.push('None.');
  else {
    out.push('| # | Mean logprob | Min p | Flagged | Sentence |', '|---:|---:|---:|---:|---|');
    analysis.sentences.forEach((sen, i) => {
      out.push(
        `| ${i + 1} | ${formatLogprob(sen.meanLogprob)} | ${formatProbability(sen.minProb, '< top-k')} | ${sen.flaggedTokens} | ${cell(sen.text.trim())} |`,
      );
    });
  }
  out.push('', `*${DISCLAIMER}*`, '');
  return out.join('\n');
}

/**
 * The text with each low-confidence span in bold, followed by its marker, and each control token as
 * an inline-code marker such as `⟨eot_id⟩` at its place. Line breaks are kept.
 */
function markedText(analysis: Analysis): string {
  const text = analysis.text;
  const controls = analysis.tokens.filter((t) => t.control);
  if (!text && controls.length === 0) return '*(empty answer)*';
  const plain = (from: number, to: number) => {
    let piece = '';
    let at = from;
    for (const c of controls) {
      if (c.offset < from || c.offset > to) continue;
      piece += plainText(text.slice(at, c.offset)) + `\`${controlMarker(c)}\``;
      at = c.offset;
    }
    return piece + plainText(text.slice(at, to));
  };
  let out = '';
  let at = 0;
  analysis.spans.forEach((span, i) => {
    if (span.charStart < at) return;
    out += plain(at, span.charStart);
    out += bold(text.slice(span.charStart, span.charEnd)) + spanMarker(i + 1);
    at = span.charEnd;
  });
  out += plain(at, text.length);
  return out;
}

function plainText(text: string): string {
  return escapeMarkdown(escapeControls(text, { tab: false })).replace(/\n/g, '  \n');
}

/** Bold per line, whitespace kept outside the `**` (CommonMark ignores `** x**`). */
function bold(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const m = /^(\s*)(.*?)(\s*)$/s.exec(line)!;
      return m[2] ? `${m[1]}**${escapeMarkdown(escapeControls(m[2]!, { tab: false }))}**${m[3]}` : line;
    })
    .join('  \n');
}
