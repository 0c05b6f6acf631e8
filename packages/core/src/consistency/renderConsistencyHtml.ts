import { BANDS, DEFAULT_THRESHOLDS, type Thresholds } from '../analysis/Thresholds.js';
import { escapeControls } from '../render/escapeControls.js';
import { escapeHtml, jsonForScript } from '../render/escapeHtml.js';
import { formatProbability } from '../render/formatProbability.js';
import { HTML_CSS } from '../render/htmlStyles.js';
import { bandRange } from '../render/legend.js';
import { bandClass } from '../render/xray/tokenClues.js';
import type { ConsistencyAnalysis } from './ConsistencyAnalysis.js';
import { CONSISTENCY_HTML_SCRIPT } from './consistencyHtmlScript.js';
import {
  CONSISTENCY_DISCLAIMER,
  consistencyLabel,
  formatTemperature,
  supportFraction,
} from './consistencyLabel.js';
import { consistencySegments } from './consistencySegments.js';
import { shownEndingNotes } from './shownEndingNotes.js';
import { unitTooltip } from './unitTooltip.js';

/** Options of `renderConsistencyHtml`. */
export interface ConsistencyHtmlOptions {
  /** Page title (default "Tokenscope consistency", with the model name when given). */
  title?: string;
  /** The model that answered, for the title and the meta line. */
  model?: string;
  /** Band thresholds the analysis was made with (default: the token bands, 90/70/50/30 %). */
  thresholds?: Thresholds;
}

const e = escapeHtml;
const t = (text: string) => e(escapeControls(text));

/** The page's CSS beyond the X-ray report's: sentence and fact units, their marks, the versions list. */
export const CONSISTENCY_CSS = `
.cs .u{border-radius:2px;cursor:default;outline-offset:1px}
.cs .u:focus{outline:2px solid var(--focus)}.cs .u:hover{outline:1px solid var(--muted)}
.consistency .fact{text-decoration:underline solid var(--mark) 2px;text-underline-offset:4px}
.sup{font-size:.72em;vertical-align:super;line-height:0;color:var(--mark);font-weight:700;margin-left:1px;white-space:nowrap}
.label{margin:6px 0 0;font-weight:600}
#ts-tip ul.versions{list-style:none;margin:6px 0 0;padding:0}
#ts-tip ul.versions li{margin:2px 0}
#ts-tip li.yes .vm{color:var(--publish);font-weight:700}#ts-tip li.no .vm{color:var(--review);font-weight:700}
ol.samples li{margin:4px 0;white-space:pre-wrap}
`;

/**
 * Renders a consistency result as ONE self-contained HTML page in the X-ray report's style (its
 * palette, band classes and tooltip): the sampling-based label and disclaimer, the shown answer with
 * each sentence on its agreement band's background and each critical fact underlined with its support
 * (`3/5`) after it, a tooltip on hover and keyboard focus with "carried by 3 of 5 samples" and every
 * other sample's version, then the distinct answers (short mode), sentences, facts and all samples.
 * All model text is HTML-escaped; the tooltip data is embedded as script-safe JSON.
 */
export function renderConsistencyHtml(
  analysis: ConsistencyAnalysis,
  options: ConsistencyHtmlOptions = {},
): string {
  const title = options.title ?? `Tokenscope consistency${options.model ? ` · ${options.model}` : ''}`;
  const section = consistencySection(analysis, options);
  const body = [
    '<main>',
    `<header><h1>${e(title)}</h1>`,
    ...(options.model ? [`<p class="meta">${e(options.model)}</p>`] : []),
    '</header>',
    section.html,
    '</main>',
    '<div id="ts-tip" role="tooltip" hidden></div>',
    `<script>${section.script}</script>`,
  ];
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${e(title)}</title><style>${HTML_CSS}${section.css}</style></head>\n<body>${body.join('\n')}</body></html>\n`
  );
}

/** A consistency view to place in a page that has the X-ray report's CSS and a `#ts-tip` element. */
export interface ConsistencySection {
  /** The label, disclaimer, legend, answer and tables, with the tooltip data. */
  html: string;
  /** CSS beyond the X-ray report's (`HTML_CSS`). */
  css: string;
  /** The tooltip script, to run after the page's other scripts. */
  script: string;
}

/**
 * The body of `renderConsistencyHtml`'s page as a section, so a run with both signals can show its
 * consistency view under the token X-ray in one report (`renderHtml`'s `sections`).
 */
export function consistencySection(
  analysis: ConsistencyAnalysis,
  options: Pick<ConsistencyHtmlOptions, 'thresholds'> = {},
): ConsistencySection {
  const th = options.thresholds ?? DEFAULT_THRESHOLDS;
  const n = analysis.samples.length;
  const bands = BANDS.map(
    (b) => `<span><span class="sw ${bandClass(b)}">${b}</span>${e(bandRange(b, th, 'agreement'))}</span>`,
  ).join('');
  const html = [
    `<section class="consistency" aria-label="Sampling consistency"><p class="label">${e(capitalize(consistencyLabel(analysis)))}</p>`,
    `<p class="disclaimer">${e(CONSISTENCY_DISCLAIMER)}</p>`,
    ...shownEndingNotes(analysis).map(
      (n) =>
        `<p class="warning ending" data-ending="${n.kind}" role="status"><b>${e(n.title)}:</b> ${e(n.text)}</p>`,
    ),
    `<div class="legend"><b>Agreement</b>${bands}</div>`,
    `<div class="legend"><b>Marks</b><span><span class="fact">fact</span><span class="sup">k/${n}</span> critical fact and the samples that carry it</span></div>`,
    '<p class="note">Hover or focus a sentence or fact (<kbd>Tab</kbd>) for how many samples carry it and what the others say; <kbd>Esc</kbd> hides the tooltip.</p>',
    `<div class="xray cs" id="cs-answer">${answerHtml(analysis)}</div>`,
    `<h2>Agreement</h2>${summaryHtml(analysis)}`,
    ...(analysis.mode === 'short' ? [`<h2>Answers</h2>${answersHtml(analysis)}`] : []),
    ...(analysis.mode === 'long' ? [`<h2>Sentences</h2>${unitsHtml(analysis, 'sentences')}`] : []),
    `<h2>Critical facts</h2>${unitsHtml(analysis, 'facts')}`,
    `<h2>Samples</h2><ol class="samples">${analysis.samples
      .map(
        (s, i) =>
          `<li>${t(s.text)}${i === analysis.chosen ? ' <span class="note">(shown)</span>' : ''}${s.finishReason && s.finishReason !== 'stop' ? ` <span class="note">(${e(s.finishReason)})</span>` : ''}</li>`,
      )
      .join('')}</ol>`,
    `<p class="note">${e(CONSISTENCY_DISCLAIMER)}</p></section>`,
    `<script type="application/json" id="cs-data">${jsonForScript(tooltipData(analysis))}</script>`,
  ].join('\n');
  return { html, css: CONSISTENCY_CSS, script: CONSISTENCY_HTML_SCRIPT };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The shown answer: sentences as focusable units on their band, facts nested in them, underlined. */
function answerHtml(analysis: ConsistencyAnalysis): string {
  if (analysis.text.trim() === '') return '<span class="note">(empty answer)</span>';
  const out: string[] = [];
  for (const seg of consistencySegments(analysis)) {
    const sentence = seg.sentence === null ? undefined : analysis.sentences[seg.sentence];
    const fact = seg.fact === null ? undefined : analysis.facts[seg.fact];
    if (sentence && seg.charStart === sentence.charStart) {
      out.push(
        `<span class="u s ${bandClass(sentence.band)}" tabindex="0" data-u="s${seg.sentence}" aria-label="${e(`${supportFraction(sentence, analysis)} samples`)}">`,
      );
    }
    if (fact && seg.charStart === fact.charStart) {
      out.push(`<span class="u fact" tabindex="0" data-u="f${seg.fact}">`);
    }
    out.push(t(seg.text));
    if (fact && seg.endsFact) {
      out.push(
        `<span class="sup" aria-label="${e(`carried by ${fact.support} of ${analysis.samples.length} samples`)}">${supportFraction(fact, analysis)}</span></span>`,
      );
    }
    if (sentence && seg.endsSentence) out.push('</span>');
  }
  return out.join('');
}

function stat(value: string, label: string): string {
  return `<div class="stat"><b>${e(value)}</b><span>${e(label)}</span></div>`;
}

function summaryHtml(analysis: ConsistencyAnalysis): string {
  const c = analysis.cost;
  const tokens = (c.promptTokens ?? 0) + (c.completionTokens ?? 0);
  return `<div class="stats">${[
    stat(`${formatProbability(analysis.agreement)}`, `agreement (${analysis.band})`),
    ...(analysis.mode === 'long' ? [stat(formatProbability(analysis.minAgreement), 'lowest sentence')] : []),
    stat(
      String(analysis.samples.length),
      `samples at temperature ${formatTemperature(analysis.temperature)}`,
    ),
    stat(String(c.requests), 'requests'),
    ...(c.promptTokens !== undefined || c.completionTokens !== undefined
      ? [stat(String(tokens), 'tokens')]
      : []),
    ...(c.ms !== undefined ? [stat(`${(c.ms / 1000).toFixed(1)} s`, 'time')] : []),
  ].join('')}</div>`;
}

function answersHtml(analysis: ConsistencyAnalysis): string {
  const n = analysis.samples.length;
  const rows = analysis.answers.map(
    (a) =>
      `<tr><td class="num">${a.count}/${n}</td><td class="num">${e(formatProbability(a.count / n))}</td><td>${t(a.text)}</td></tr>`,
  );
  return `<table><tr><th class="num">Samples</th><th class="num">Share</th><th>Answer</th></tr>${rows.join('')}</table>`;
}

function unitsHtml(analysis: ConsistencyAnalysis, which: 'sentences' | 'facts'): string {
  const units = analysis[which];
  if (!units.length) return '<p class="note">None.</p>';
  const rows = units.map(
    (u) =>
      `<tr><td class="num"><span class="sw ${bandClass(u.band)}">${supportFraction(u, analysis)}</span></td><td class="num">${e(formatProbability(u.agreement))}</td>${'kind' in u ? `<td>${e(u.kind)}</td>` : ''}<td>${t(u.text)}</td></tr>`,
  );
  const head = which === 'facts' ? '<th>Kind</th><th>Fact</th>' : '<th>Sentence</th>';
  return `<table><tr><th class="num">Samples</th><th class="num">Agreement</th>${head}</tr>${rows.join('')}</table>`;
}

/** The tooltips, packed small for the page script: versions as `[sample, carries 1/0, text]`. */
function tooltipData(analysis: ConsistencyAnalysis) {
  const pack = (u: Parameters<typeof unitTooltip>[1]) => {
    const tip = unitTooltip(analysis, u);
    return {
      what: tip.what,
      text: tip.text,
      support: tip.support,
      versions: tip.versions.map((v) => [v.sample, v.carries ? 1 : 0, v.text]),
    };
  };
  return { s: analysis.sentences.map(pack), f: analysis.facts.map(pack) };
}
