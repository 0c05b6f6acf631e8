import { describe, expect, it } from 'vitest';
import { eiffelAnalysis, parisAnalysis } from './__testutil__/consistencyExamples.js';
import { analyzeConsistency } from './analyzeConsistency.js';
import { renderConsistencyMarkdown, supportMark } from './renderConsistencyMarkdown.js';
import { toJsonConsistency } from './toJsonConsistency.js';

describe('renderConsistencyMarkdown', () => {
  it('labels, summarises and marks facts and sentences with their support', () => {
    const md = renderConsistencyMarkdown(eiffelAnalysis());
    expect(md).toContain(
      '> Sampling-based confidence: 4 samples at temperature 0.8, agreement of the answers; 4 requests, 128 tokens, 4.2 s.',
    );
    expect(md).toContain('| Agreement | 66.7 % (yellow) |');
    expect(md).toContain('| Lowest sentence | 50.0 % |');
    expect(md).toContain('was completed in **1889**⁽³⁄₄⁾. \\[3/4\\] It is ');
    const answer = md.split('\n').find((l) => l.startsWith('The '))!;
    expect(answer.replace(/\*\*|⁽[⁰¹²³⁴⁵⁶⁷⁸⁹]+⁄[₀₁₂₃₄₅₆₇₈₉]+⁾/g, '')).toBe(
      'The Eiffel Tower was completed in 1889. \\[3/4\\] It is 330 metres tall. \\[3/4\\] It was built for the World Fair. \\[2/4\\]',
    );
    expect(md).toContain('| 3 | 2/4 | 50.0 % | orange | It was built for the World Fair. |');
    expect(md).toContain('| date | 1889 | 3/4 | 75.0 % | lime |');
    expect(md).toContain('4. The Eiffel Tower was completed in 1887. It is 330 metres tall today.');
    expect(md).toContain('not whether it is true');
  });

  it('short answers: a table of the distinct answers', () => {
    const md = renderConsistencyMarkdown(parisAnalysis());
    expect(md).toContain(
      '| Samples | Share | Answer |\n|---:|---:|---|\n| 3/5 | 60.0 % | Paris. |\n| 1/5 | 20.0 % | Lyon |',
    );
    expect(md).not.toContain('## Sentences');
  });

  it('escapes model text', () => {
    const a = analyzeConsistency([{ text: '*x* | <b>' }, { text: '*x* | <b>' }], {
      temperature: 1,
      cost: { requests: 2 },
    });
    const md = renderConsistencyMarkdown(a);
    expect(md).toContain('\\*x\\* \\| \\<b\\>');
    expect(md).not.toContain('<b>');
  });

  it('writes support marks as superscript fractions', () => {
    expect(supportMark(3, 5)).toBe('⁽³⁄₅⁾');
    expect(supportMark(10, 12)).toBe('⁽¹⁰⁄₁₂⁾');
  });
});

describe('toJsonConsistency', () => {
  it('is the analysis itself plus its label and disclaimer', () => {
    const a = parisAnalysis();
    const json = JSON.parse(JSON.stringify(toJsonConsistency(a)));
    expect(json).toMatchObject({ ...JSON.parse(JSON.stringify(a)) });
    expect(json.label).toBe(
      'sampling-based confidence: 5 samples at temperature 0.7, agreement of the answers; 5 requests, tokens not reported, time not measured',
    );
    expect(json.disclaimer).toMatch(/not whether it is true/);
  });
});
