import type { Analysis } from '../analysis/Analysis.js';
import { CLUES, type Clue } from '../analysis/Thresholds.js';
import { visibleWhitespace } from './escapeControls.js';
import { escapeHtml } from './escapeHtml.js';
import { formatLogprob, formatNumber, formatProbability } from './formatProbability.js';
import { CLUE_MARKERS } from './legend.js';

const e = escapeHtml;

function stat(value: string, label: string): string {
  return `<div class="stat"><b>${e(value)}</b><span>${e(label)}</span></div>`;
}

function goto(index: number, text: string): string {
  return `<a href="#t${index}" data-goto="${index}" class="mono">${e(text)}</a>`;
}

function clueCells(clues: readonly Clue[]): string {
  return clues
    .map(
      (c) =>
        `<span class="mk" role="img" aria-label="${e(CLUE_MARKERS[c].label)}">${CLUE_MARKERS[c].glyph}</span> ${e(c)}`,
    )
    .join(', ');
}

/** The summary panel: counts, mean logprob, perplexity, weakest token, flags per clue, source. */
export function htmlSummary(analysis: Analysis): string {
  const s = analysis.summary;
  const src = analysis.source;
  const minTok = s.minProbIndex === null ? undefined : analysis.tokens[s.minProbIndex];
  const cells = [
    stat(
      String(s.tokens),
      s.scoredTokens < s.tokens ? `tokens (${s.tokens - s.scoredTokens} below top-k)` : 'tokens',
    ),
    stat(formatLogprob(s.meanLogprob), 'mean logprob (nats)'),
    stat(formatLogprob(s.sumLogprob), 'sum logprob (nats)'),
    stat(formatNumber(s.perplexity, 3), 'perplexity'),
    stat(
      formatProbability(s.minProb, '< top-k'),
      minTok ? `min p, at “${visibleWhitespace(minTok.text)}” (#${minTok.index})` : 'min p',
    ),
    stat(String(s.flaggedTokens), 'flagged tokens'),
    ...CLUES.map((c) => stat(String(s.clueCounts[c]), `${CLUE_MARKERS[c].glyph} ${c}`)),
  ];
  const source = [
    `format ${src.format}`,
    src.model ? `model ${src.model}` : '',
    src.id ? `id ${src.id}` : '',
    `choice ${src.index}`,
    `distribution ${src.distribution}`,
    `top-k ${src.topK}`,
    src.finishReason ? `finish ${src.finishReason}` : '',
  ].filter(Boolean);
  return `<div class="stats">${cells.join('')}</div><p class="note">${e(source.join(' · '))}</p>`;
}

/** The low-confidence spans with the alternatives at their weakest token. */
export function htmlSpans(analysis: Analysis): string {
  if (!analysis.spans.length) return '<p class="note">No low-confidence spans.</p>';
  const rows = analysis.spans.map((span, i) => {
    const alts = span.alternatives
      .map(
        (a) =>
          `<span class="mono">${e(visibleWhitespace(a.text))}</span> ${e(formatProbability(a.prob, '< top-k'))}`,
      )
      .join(', ');
    return (
      `<tr><td class="num"><a href="#span${i + 1}">${i + 1}</a></td><td>${goto(span.weakest, visibleWhitespace(span.text))}</td>` +
      `<td class="num">${e(formatProbability(span.minProb, '< top-k'))}</td><td>${clueCells(span.clues)}</td>` +
      `<td>${alts || '<span class="note">none reported</span>'}</td><td>${e(span.facts.join(', '))}</td></tr>`
    );
  });
  return (
    '<table><thead><tr><th class="num">#</th><th>span</th><th class="num">min p</th><th>clues</th>' +
    `<th>alternatives at the weakest token</th><th>facts</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

/** Critical facts (names, titles, numbers, money, dates, URLs, e-mails, code) with the model's confidence in them. */
export function htmlFacts(analysis: Analysis): string {
  if (!analysis.facts.length) return '<p class="note">No critical facts found.</p>';
  const rows = analysis.facts.map(
    (f) =>
      `<tr><td>${e(f.kind)}</td><td>${goto(f.start, f.text)}</td><td class="num">${e(formatProbability(f.minProb, '< top-k'))}</td>` +
      `<td class="num">${e(formatLogprob(f.meanLogprob))}</td><td>${f.flagged ? 'flagged' : ''}</td></tr>`,
  );
  return (
    '<table><thead><tr><th>kind</th><th>fact</th><th class="num">min p</th><th class="num">mean logprob</th>' +
    `<th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

/** Sentences with their mean logprob, weakest token and flag count. */
export function htmlSentences(analysis: Analysis): string {
  if (!analysis.sentences.length) return '<p class="note">No sentences.</p>';
  const rows = analysis.sentences.map(
    (s, i) =>
      `<tr><td class="num">${i + 1}</td><td class="num">${e(formatLogprob(s.meanLogprob))}</td>` +
      `<td class="num">${e(formatProbability(s.minProb, '< top-k'))}</td><td class="num">${s.flaggedTokens}</td>` +
      `<td>${goto(s.start, s.text.trim() || visibleWhitespace(s.text))}</td></tr>`,
  );
  return (
    '<table><thead><tr><th class="num">#</th><th class="num">mean logprob</th><th class="num">min p</th>' +
    `<th class="num">flagged</th><th>sentence</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}
