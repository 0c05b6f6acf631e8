import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { ANSI_BAND_STYLES } from '../render/ansiStyles.js';
import { eiffelAnalysis, parisAnalysis } from './__testutil__/consistencyExamples.js';
import { analyzeConsistency } from './analyzeConsistency.js';
import { CONSISTENCY_DISCLAIMER } from './consistencyLabel.js';
import { renderConsistencyText } from './renderConsistencyText.js';

const ESC = '\u001b';

describe('renderConsistencyText', () => {
  it('labels the result as sampling-based, with samples, temperature and cost, and says what agreement is not', () => {
    const out = renderConsistencyText(eiffelAnalysis(), { color: false, width: 0 });
    expect(out).toContain(
      'Confidence: sampling-based confidence: 4 samples at temperature 0.8, agreement of the answers; 4 requests, 128 tokens, 4.2 s',
    );
    expect(out).toContain(CONSISTENCY_DISCLAIMER);
    expect(out).toContain('Agreement: 66.7 % (yellow) · lowest sentence 50.0 %');
  });

  it('without colour, marks facts and every sentence with their support and emits no escape', () => {
    const a = eiffelAnalysis();
    const out = renderConsistencyText(a, { color: false, width: 0 });
    expect(out).not.toContain(ESC);
    expect(a.facts.map((f) => f.text)).toContain('1889');
    for (const f of a.facts) expect(out).toContain(`⟦${f.text}⟧[${f.support}/4]`);
    const line = out.split('\n').find((l) => l.startsWith('The '))!;
    expect(line.replace(/⟦|⟧\[\d\/4\]/g, '')).toBe(
      'The Eiffel Tower was completed in 1889. [3/4] It is 330 metres tall. [3/4] It was built for the World Fair. [2/4]',
    );
    expect(out).toMatch(/ {4}2\/4 {2}"It was built for the World Fair\."/);
    expect(out).toMatch(/ {4}3\/4 {2}date "1889"/);
  });

  it('with colour, paints each sentence in its agreement band and underlines facts', () => {
    const a = eiffelAnalysis();
    const out = renderConsistencyText(a, { width: 0 });
    expect(a.sentences.map((s) => s.band)).toEqual(['lime', 'lime', 'orange']);
    expect(out).toContain(`${ESC}[${ANSI_BAND_STYLES.lime}mcompleted${ESC}[0m`);
    expect(out).toContain(`${ESC}[${ANSI_BAND_STYLES.orange}mbuilt${ESC}[0m`);
    expect(out).toContain(`${ESC}[${ANSI_BAND_STYLES.lime};4m1889${ESC}[0m${ESC}[1;38;5;163m[3/4]`);
    expect(out).toContain('[3/4]');
    // The colour carries the sentence's support: no [k/n] after sentences.
    expect(out).not.toContain('. [3/4]');
  });

  it('short answers: the distinct answers with their counts, most common first', () => {
    const out = renderConsistencyText(parisAnalysis(), { color: false });
    expect(out).toContain('Paris. [3/5]');
    expect(out).toContain(
      'Answers (3 distinct in 5 samples):\n    3/5  "Paris."\n    1/5  "Lyon"\n    1/5  "Marseille"',
    );
    expect(out).toContain('5 requests, tokens not reported, time not measured');
  });

  it('never prints model text raw: controls are escaped even with colour', () => {
    const a = analyzeConsistency(
      [{ text: 'Yes\u001b[2J\u202e' }, { text: 'yes\u001b[2J\u202e' }, { text: 'no' }],
      { temperature: 0.7, cost: { requests: 3 } },
    );
    const plain = renderConsistencyText(a, { color: false });
    expect(plain).not.toContain(ESC);
    expect(plain).toContain('Yes\\e[2J\\u202e');
    expect(renderConsistencyText(a)).not.toContain('\u001b[2J');
  });

  it('wraps at the width and rejects a width it cannot honour', () => {
    const out = renderConsistencyText(eiffelAnalysis(), { color: false, width: 40 });
    for (const line of out.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(40);
    expect(() => renderConsistencyText(eiffelAnalysis(), { width: 10 })).toThrow(InvalidOptionError);
  });
});
