import type { Analysis, TokenAnalysis } from '../analysis/Analysis.js';
import { BANDS, CLUES, type Clue } from '../analysis/Thresholds.js';
import { escapeControls, visibleWhitespace } from './escapeControls.js';
import { escapeHtml, jsonForScript } from './escapeHtml.js';
import { formatEntropy, formatLogprob, formatNumber, formatProbability } from './formatProbability.js';
import { htmlChart } from './htmlChart.js';
import { HTML_SCRIPT } from './htmlScript.js';
import { HTML_CSS } from './htmlStyles.js';
import { htmlFacts, htmlSentences, htmlSpans, htmlSummary } from './htmlTables.js';
import { bandRange, CLUE_MARKERS, clueRule, DISCLAIMER } from './legend.js';
import { renderConstraintHtml } from './renderConstraintHtml.js';

/** Options of `renderHtml`. */
export interface HtmlOptions {
  /** Page title (default "Tokenscope X-ray", with the model name when known). */
  title?: string;
}

const e = escapeHtml;
const CLUE_CLASS: Record<Clue, string> = {
  'low-confidence': 'c-low',
  ambiguous: 'c-amb',
  'not-top': 'c-top',
};

/**
 * Renders the analysis as ONE self-contained HTML page (inline CSS and script, no external assets):
 * the text with each token coloured by band, clue glyphs and underlines, a tooltip below the line on
 * hover and keyboard focus with the top-k alternatives and the token's numbers, `n`/`p` to jump
 * between flagged tokens, a top-vs-second choice chart, summary, spans, facts and sentences.
 * All text from the analysis is HTML-escaped; the tooltip data is embedded as script-safe JSON.
 */
export function renderHtml(analysis: Analysis, options: HtmlOptions = {}): string {
  const title =
    options.title ?? `Tokenscope X-ray${analysis.source.model ? ` · ${analysis.source.model}` : ''}`;
  const th = analysis.thresholds;
  const bands = BANDS.map(
    (b) => `<span><span class="sw b-${b}">${b}</span>${e(bandRange(b, th))}</span>`,
  ).join('');
  const marks = CLUES.map(
    (c) =>
      `<span><span class="t ${CLUE_CLASS[c]}">abc</span><span class="mk" aria-hidden="true">${CLUE_MARKERS[c].glyph}</span> ${e(CLUE_MARKERS[c].label)} (${e(clueRule(c, th))})</span>`,
  ).join('');
  const body = [
    '<main>',
    `<header><h1>${e(title)}</h1>`,
    `<p class="meta">${e(metaLine(analysis))}</p>`,
    `<p class="disclaimer">${e(DISCLAIMER)}</p></header>`,
    `<section aria-label="Legend"><div class="legend"><b>Bands</b>${bands}</div>`,
    `<div class="legend"><b>Clues</b>${marks}<span><span class="lcs">span</span> low-confidence span</span></div>`,
    '<p class="note">Hover or focus a token (<kbd>Tab</kbd>) for its alternatives; <kbd>n</kbd> / <kbd>p</kbd> jump to the next / previous flagged token; <kbd>Esc</kbd> hides the tooltip.</p></section>',
    `<section aria-label="Text"><div class="xray" id="xray">${tokensHtml(analysis)}</div></section>`,
    `<h2>Summary</h2>${htmlSummary(analysis)}`,
    ...(analysis.constraint ? [renderConstraintHtml(analysis.constraint)] : []),
    `<h2>Top choice vs second choice</h2>${htmlChart(analysis)}`,
    `<h2>Low-confidence spans</h2>${htmlSpans(analysis)}`,
    `<h2>Critical facts</h2>${htmlFacts(analysis)}`,
    `<h2>Sentences</h2>${htmlSentences(analysis)}`,
    '</main>',
    '<div id="ts-tip" role="tooltip" hidden></div>',
    `<script type="application/json" id="ts-data">${jsonForScript(analysis.tokens.map(tipData))}</script>`,
    `<script>${HTML_SCRIPT}</script>`,
  ];
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${e(title)}</title><style>${HTML_CSS}</style></head>\n<body>${body.join('\n')}</body></html>\n`
  );
}

function metaLine(analysis: Analysis): string {
  const s = analysis.source;
  return [
    s.model ?? 'unknown model',
    s.format,
    `${s.distribution} distribution`,
    `top-${s.topK}`,
    `${analysis.summary.tokens} tokens`,
  ].join(' · ');
}

function tokensHtml(analysis: Analysis): string {
  const starts = new Map(analysis.spans.map((s, i) => [s.start, i + 1]));
  const ends = new Set(analysis.spans.map((s) => s.end - 1));
  const out: string[] = [];
  for (const t of analysis.tokens) {
    const span = starts.get(t.index);
    if (span !== undefined) out.push(`<span class="lcs" id="span${span}">`);
    const cls = ['t', `b-${t.band}`, ...t.clues.map((c) => CLUE_CLASS[c]), ...(t.flagged ? ['f'] : [])];
    const marks = t.clues
      .map(
        (c) =>
          `<span class="mk" role="img" aria-label="${e(CLUE_MARKERS[c].label)}">${CLUE_MARKERS[c].glyph}</span>`,
      )
      .join('');
    out.push(
      `<span class="${cls.join(' ')}" id="t${t.index}" data-i="${t.index}" tabindex="0">${e(escapeControls(t.text))}${marks}</span>`,
    );
    if (ends.has(t.index)) out.push('</span>');
  }
  return out.join('');
}

/** What the tooltip shows for one token, formatted here so the page script stays small. */
function tipData(t: TokenAnalysis) {
  const k = t.top.length;
  const stats = [
    `p ${formatProbability(t.prob, '< top-k')}`,
    `logprob ${formatLogprob(t.logprob, 'n/a (below top-k)')}`,
    `rank ${t.rank ?? (k ? `> ${k}` : 'n/a')}`,
    `margin ${t.margin === null ? 'n/a' : formatNumber(t.margin, 3)}`,
    `surprisal ${t.surprisal === null ? 'n/a' : `${formatNumber(t.surprisal, 2)} bits`}`,
    `entropy ${formatEntropy(t.entropy, t.entropyUpper, t.entropyExact)}`,
  ].join(' · ');
  const clues = t.clues.map((c) => `${CLUE_MARKERS[c].glyph} ${CLUE_MARKERS[c].label}`).join('  ');
  let chosenSeen = false;
  const alts = t.top.map((a) => {
    const chosen = !chosenSeen && a.text === t.text && (t.rank === null || t.top[t.rank - 1] === a);
    if (chosen) chosenSeen = true;
    return [
      visibleWhitespace(a.text),
      formatProbability(a.prob, '< top-k'),
      formatLogprob(a.logprob),
      a.bytes ? a.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ') : '',
      chosen ? 1 : 0,
    ];
  });
  if (!chosenSeen) {
    const bytes = t.bytes ? t.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ') : '';
    const p = formatProbability(t.prob, '< top-k');
    alts.push([
      `${visibleWhitespace(t.text)} (sampled, not in top-${k})`,
      p,
      formatLogprob(t.logprob),
      bytes,
      1,
    ]);
  }
  return {
    t: visibleWhitespace(t.text),
    raw: t.rawText === undefined ? '' : visibleWhitespace(t.rawText),
    stats,
    clues,
    alts,
    mass: k
      ? `the top-${k} alternatives cover ${formatProbability(t.topMass)} of the probability`
      : 'no alternatives reported',
  };
}
