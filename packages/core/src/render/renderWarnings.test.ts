import { describe, expect, it } from 'vitest';
import type { Analysis } from '../analysis/Analysis.js';
import { analyze } from '../analysis/analyze.js';
import { makeAnalysis, makeCompletion, SEED_003 } from './__testutil__/makeAnalysis.js';
import { renderAnsi } from './renderAnsi.js';
import { renderHtml } from './renderHtml.js';
import { renderJson } from './renderJson.js';
import { renderMarkdown } from './renderMarkdown.js';

const WARNING =
  "invalid value at choices[0].logprobs.content[0].top_logprobs: the alternatives' probabilities sum to " +
  '2.000, more than 1 beyond rounding (logprobs -1e-9, -1e-9); analysed anyway (lenient) <b>|*';

/** The seed 003 answer as if a lenient parse had let a problem through. */
function warned(): Analysis {
  return analyze({
    format: 'openai-chat',
    completions: [makeCompletion(SEED_003)],
    warnings: [WARNING],
  });
}

describe("the analysis' warnings", () => {
  it('come from the response, absent when there are none', () => {
    expect(warned().warnings).toEqual([WARNING]);
    expect(makeAnalysis(SEED_003)).not.toHaveProperty('warnings');
  });

  it('open the terminal report, wrapped, in colour or not, with or without the summary', () => {
    const plain = renderAnsi(warned(), { color: false, width: 80 });
    expect(
      plain.startsWith('Warning: invalid value at choices[0].logprobs.content[0].top_logprobs: the\n'),
    ).toBe(true);
    expect(plain).toContain('analysed anyway (lenient) <b>|*\n\n');
    expect(renderAnsi(warned(), { color: false, width: 0, summary: false })).toBe(
      `Warning: ${WARNING}\n\n${renderAnsi(makeAnalysis(SEED_003), { color: false, width: 0, summary: false })}`,
    );
    expect(
      renderAnsi(warned(), { color: true, width: 0 }).startsWith('\u001b[1;38;5;208mWarning:\u001b[0m '),
    ).toBe(true);
    expect(renderAnsi(makeAnalysis(SEED_003), { color: false })).not.toContain('Warning');
  });

  it('stand under the title of the HTML page, escaped', () => {
    const html = renderHtml(warned());
    expect(html).toContain(
      `<p class="warning" role="alert">Warning: ${WARNING.replace("'", '&#39;').replace('<b>', '&lt;b&gt;')}</p>`,
    );
    expect(html.indexOf('class="warning"')).toBeLessThan(html.indexOf('class="disclaimer"'));
    expect(renderHtml(makeAnalysis(SEED_003))).not.toContain('class="warning"');
  });

  it('follow the disclaimer in Markdown, escaped', () => {
    const md = renderMarkdown(warned());
    expect(md).toMatch(
      /^# Tokenscope report\n\n> .*\n\n> \*\*Warning:\*\* invalid value at choices\\\[0\\\]/,
    );
    expect(md).not.toContain('<b>|*');
    expect(renderMarkdown(makeAnalysis(SEED_003))).not.toContain('Warning');
  });

  it('are a list in the JSON report, empty when there are none', () => {
    expect(JSON.parse(renderJson(warned())).warnings).toEqual([WARNING]);
    expect(JSON.parse(renderJson(makeAnalysis(SEED_003))).warnings).toEqual([]);
  });
});
