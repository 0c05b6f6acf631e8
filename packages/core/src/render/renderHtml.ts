import type { Analysis, TokenAnalysis } from '../analysis/Analysis.js';
import { BANDS, CLUES } from '../analysis/Thresholds.js';
import { escapeControls } from './escapeControls.js';
import { escapeHtml, jsonForScript } from './escapeHtml.js';
import { htmlChart } from './htmlChart.js';
import { HTML_SCRIPT } from './htmlScript.js';
import { HTML_CSS } from './htmlStyles.js';
import { htmlFacts, htmlSentences, htmlSpans, htmlSummary } from './htmlTables.js';
import { bandRange, CLUE_MARKERS, clueRule, DISCLAIMER } from './legend.js';
import { renderConstraintHtml } from './renderConstraintHtml.js';
import { CONTROL_MARKER_LABEL, controlMarker, controlNote } from './xray/controlMarker.js';
import { endingNotes } from './xray/endingNotes.js';
import { bandClass, CLUE_CLASS, tokenClasses } from './xray/tokenClues.js';
import { tokenTooltip } from './xray/tokenTooltip.js';

/** Options of `renderHtml`. */
export interface HtmlOptions {
  /** Page title (default "Tokenscope X-ray", with the model name when known). */
  title?: string;
  /**
   * More views of the same answer, placed after the report under their own heading (a run's
   * sampling-consistency view): their HTML, CSS and a script run after the page's own.
   */
  sections?: ReadonlyArray<{ html: string; css?: string; script?: string }>;
}

const e = escapeHtml;

/**
 * Renders the analysis as ONE self-contained HTML page (inline CSS and script, no external assets):
 * the text with each token coloured by band, clue glyphs and underlines, a tooltip below the line on
 * hover and keyboard focus with the top-k alternatives and the token's numbers, `n`/`p` to jump
 * between flagged tokens, a top-vs-second choice chart, summary, spans, facts and sentences; the
 * analysis' warnings (a lenient parse's problems) stand under the title.
 * All text from the analysis is HTML-escaped; the tooltip data is embedded as script-safe JSON.
 */
export function renderHtml(analysis: Analysis, options: HtmlOptions = {}): string {
  const title =
    options.title ?? `Tokenscope X-ray${analysis.source.model ? ` · ${analysis.source.model}` : ''}`;
  const th = analysis.thresholds;
  const sections = options.sections ?? [];
  const bands = BANDS.map(
    (b) => `<span><span class="sw ${bandClass(b)}">${b}</span>${e(bandRange(b, th))}</span>`,
  ).join('');
  const marks = CLUES.map(
    (c) =>
      `<span><span class="t ${CLUE_CLASS[c]}">abc</span><span class="mk" aria-hidden="true">${CLUE_MARKERS[c].glyph}</span> ${e(CLUE_MARKERS[c].label)} (${e(clueRule(c, th))})</span>`,
  ).join('');
  const body = [
    '<main>',
    `<header><h1>${e(title)}</h1>`,
    `<p class="meta">${e(metaLine(analysis))}</p>`,
    ...(analysis.warnings ?? []).map((w) => `<p class="warning" role="alert">Warning: ${e(w)}</p>`),
    ...endingNotes(analysis).map(
      (n) =>
        `<p class="warning ending" data-ending="${n.kind}" role="status"><b>${e(n.title)}:</b> ${e(n.text)}</p>`,
    ),
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
    ...sections.map((x) => x.html),
    '</main>',
    '<div id="ts-tip" role="tooltip" hidden></div>',
    `<script type="application/json" id="ts-data">${jsonForScript(analysis.tokens.map(tipData))}</script>`,
    `<script>${HTML_SCRIPT}</script>`,
    ...sections.flatMap((x) => (x.script ? [`<script>${x.script}</script>`] : [])),
  ];
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${e(title)}</title><style>${HTML_CSS}${sections.map((x) => x.css ?? '').join('')}</style></head>\n<body>${body.join('\n')}</body></html>\n`
  );
}

function metaLine(analysis: Analysis): string {
  const s = analysis.source;
  return [
    s.model ?? 'unknown model',
    s.format,
    `${s.distribution} distribution`,
    `top-${s.topK}`,
    `${analysis.summary.tokens} tokens${controlNote(analysis.summary)}`,
  ].join(' · ');
}

function tokensHtml(analysis: Analysis): string {
  const starts = new Map(analysis.spans.map((s, i) => [s.start, i + 1]));
  const ends = new Set(analysis.spans.map((s) => s.end - 1));
  const out: string[] = [];
  for (const t of analysis.tokens) {
    const span = starts.get(t.index);
    if (span !== undefined) out.push(`<span class="lcs" id="span${span}">`);
    if (t.control) {
      out.push(
        `<span class="${tokenClasses(t).join(' ')}" id="t${t.index}" data-i="${t.index}" tabindex="0" role="img" aria-label="${e(CONTROL_MARKER_LABEL)}">${e(controlMarker(t))}</span>`,
      );
      if (ends.has(t.index)) out.push('</span>');
      continue;
    }
    const marks = t.clues
      .map(
        (c) =>
          `<span class="mk" role="img" aria-label="${e(CLUE_MARKERS[c].label)}">${CLUE_MARKERS[c].glyph}</span>`,
      )
      .join('');
    out.push(
      `<span class="${tokenClasses(t).join(' ')}" id="t${t.index}" data-i="${t.index}" tabindex="0">${e(escapeControls(t.text))}${marks}</span>`,
    );
    if (ends.has(t.index)) out.push('</span>');
  }
  return out.join('');
}

/**
 * What the tooltip shows for one token (core's `tokenTooltip`, the web app's too), packed small for
 * the page script: each row is `[text, p, logprob, bytes, chosen 1/0]`, each clue `[glyph, label]`.
 */
function tipData(t: TokenAnalysis) {
  const tip = tokenTooltip(t);
  return {
    t: tip.token,
    w: tip.where,
    stats: tip.stats.join(' · '),
    clues: tip.clues.map((c) => [c.glyph, c.label]),
    alts: tip.rows.map((r) => [r.text, r.prob, r.logprob, r.bytes, r.chosen ? 1 : 0]),
    mass: tip.mass,
  };
}
