import { escapeControls } from '../render/escapeControls.js';
import { escapeInline, escapeMarkdown, escapeTableCell } from '../render/escapeMarkdown.js';
import { formatProbability } from '../render/formatProbability.js';
import type { ConsistencyAnalysis } from './ConsistencyAnalysis.js';
import {
  CONSISTENCY_DISCLAIMER,
  consistencyLabel,
  formatCost,
  formatTemperature,
  supportFraction,
} from './consistencyLabel.js';
import { consistencySegments } from './consistencySegments.js';
import { shownEndingNotes } from './shownEndingNotes.js';

const SUPER = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUB = '₀₁₂₃₄₅₆₇₈₉';
const digits = (n: number, set: string) => [...String(n)].map((d) => set[Number(d)]).join('');

/** `3, 5` → `⁽³⁄₅⁾`: the mark after a critical fact in the Markdown text. */
export function supportMark(support: number, samples: number): string {
  return `⁽${digits(support, SUPER)}⁄${digits(samples, SUB)}⁾`;
}

const cell = escapeTableCell;

/**
 * Renders a consistency result as Markdown: the sampling-based label and disclaimer, a summary table,
 * the shown answer with each critical fact in bold followed by its support (`⁽³⁄₅⁾`) and each
 * sentence followed by `[3/5]` (Markdown has no colour), then the distinct answers (short mode), the
 * sentences and facts with their support and agreement band, and every sample. Model text is escaped.
 */
export function renderConsistencyMarkdown(analysis: ConsistencyAnalysis): string {
  const n = analysis.samples.length;
  const label = consistencyLabel(analysis);
  const out: string[] = [
    '# Tokenscope consistency',
    '',
    `> ${escapeInline(label.charAt(0).toUpperCase() + label.slice(1))}.`,
    '>',
    `> ${escapeInline(CONSISTENCY_DISCLAIMER)}`,
    '',
    ...shownEndingNotes(analysis).flatMap((note) => [`> **${note.title}:** ${escapeInline(note.text)}`, '']),
    '| | |',
    '|---|---|',
  ];
  const rows: Array<[string, string]> = [
    ['Agreement', `${formatProbability(analysis.agreement)} (${analysis.band})`],
    ...(analysis.mode === 'long'
      ? ([['Lowest sentence', formatProbability(analysis.minAgreement)]] as Array<[string, string]>)
      : []),
    ['Compared', analysis.mode === 'short' ? 'whole answers (normalised)' : 'sentences and critical facts'],
    ['Samples', `${n} at temperature ${formatTemperature(analysis.temperature)}`],
    ['Cost', formatCost(analysis.cost)],
  ];
  for (const [k, v] of rows) out.push(`| ${k} | ${cell(v)} |`);

  out.push('', '## Answer', '', answerMarkdown(analysis));

  if (analysis.mode === 'short') {
    out.push('', '## Answers', '', '| Samples | Share | Answer |', '|---:|---:|---|');
    for (const a of analysis.answers) {
      out.push(`| ${a.count}/${n} | ${formatProbability(a.count / n)} | ${cell(a.text)} |`);
    }
  } else {
    out.push('', '## Sentences', '');
    if (!analysis.sentences.length) out.push('None.');
    else {
      out.push('| # | Samples | Agreement | Band | Sentence |', '|---:|---:|---:|---|---|');
      analysis.sentences.forEach((s, i) => {
        out.push(
          `| ${i + 1} | ${supportFraction(s, analysis)} | ${formatProbability(s.agreement)} | ${s.band} | ${cell(s.text)} |`,
        );
      });
    }
  }

  out.push('', '## Critical facts', '');
  if (!analysis.facts.length) out.push('None.');
  else {
    out.push('| Kind | Fact | Samples | Agreement | Band |', '|---|---|---:|---:|---|');
    for (const f of analysis.facts) {
      out.push(
        `| ${f.kind} | ${cell(f.text)} | ${supportFraction(f, analysis)} | ${formatProbability(f.agreement)} | ${f.band} |`,
      );
    }
  }

  out.push('', '## Samples', '');
  analysis.samples.forEach((s, i) => {
    const note = i === analysis.chosen ? ' *(shown)*' : '';
    out.push(`${i + 1}. ${cell(s.text.trim())}${note}`);
  });
  out.push('', `*${escapeInline(CONSISTENCY_DISCLAIMER)}*`, '');
  return out.join('\n');
}

/** The shown answer: facts in bold with `⁽³⁄₅⁾`, each sentence followed by `[3/5]`; breaks kept. */
function answerMarkdown(analysis: ConsistencyAnalysis): string {
  if (analysis.text.trim() === '') return '*(empty answer)*';
  let out = '';
  for (const seg of consistencySegments(analysis)) {
    const fact = seg.fact === null ? undefined : analysis.facts[seg.fact];
    const sentence = seg.sentence === null ? undefined : analysis.sentences[seg.sentence];
    const text = escapeControls(seg.text, { tab: false });
    out += fact ? `**${escapeInline(text)}**` : escapeMarkdown(text);
    if (fact && seg.endsFact) out += supportMark(fact.support, analysis.samples.length);
    if (sentence && seg.endsSentence) out += ` \\[${supportFraction(sentence, analysis)}\\]`;
  }
  return out.replace(/\n/g, '  \n');
}
