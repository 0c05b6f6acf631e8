import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { MIXED, makeAnalysis, SEED_003, type TokenSpec } from './__testutil__/makeAnalysis.js';
import { ANSI_BAND_STYLES, ANSI_MARKER_STYLE } from './ansiStyles.js';
import { escapeControls } from './escapeControls.js';
import { renderAnsi } from './renderAnsi.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping SGR sequences
const SGR = /\u001b\[[0-9;]*m/g;
const strip = (s: string) => s.replace(SGR, '');
const lp = Math.log;

describe('renderAnsi', () => {
  it('colours each token with its band SGR code', () => {
    const out = renderAnsi(makeAnalysis(MIXED), { summary: false });
    expect(out).toContain(`\u001b[${ANSI_BAND_STYLES.green}mThe\u001b[0m`);
    expect(out).toContain(`\u001b[${ANSI_BAND_STYLES.lime}mcat\u001b[0m`);
    expect(out).toContain(`\u001b[${ANSI_BAND_STYLES.yellow}msat\u001b[0m`);
    // " on" is orange and inside a low-confidence span: underlined too.
    expect(out).toContain(`\u001b[${ANSI_BAND_STYLES.orange};4mon\u001b[0m`);
    expect(out).toContain(`\u001b[${ANSI_BAND_STYLES.red};4mmat\u001b[0m`);
    expect(ANSI_BAND_STYLES.green).not.toBe(ANSI_BAND_STYLES.lime);
  });

  it('puts a marker after a flagged token for each clue', () => {
    const out = renderAnsi(makeAnalysis(MIXED), { summary: false });
    const mark = (g: string) => `\u001b[${ANSI_MARKER_STYLE}m${g}\u001b[0m`;
    expect(out).toContain(`on\u001b[0m${mark('≈')}`);
    expect(out).toContain(`mat\u001b[0m${mark('↓')}${mark('↯')}`);
    expect(strip(out)).toBe('The cat sat on≈\n the↯ mat↓↯.↓↯\n');
  });

  it('emits no escape at all without colour, and brackets low-confidence spans', () => {
    const out = renderAnsi(makeAnalysis(MIXED), { color: false });
    expect(out).not.toContain('\u001b');
    expect(out.startsWith('The cat sat ⟦on≈\n the↯ mat↓↯⟧⟦.↓↯⟧\n')).toBe(true);
    expect(out).toContain('⟦…⟧ low-confidence span');
  });

  it('prints escape sequences inside tokens harmlessly', () => {
    const out = renderAnsi(makeAnalysis([{ text: 'x\u001b[2J\u009b1m\ry', logprob: -0.01 }]));
    expect(out).not.toContain('\u001b[2J');
    expect(out).not.toContain('\u009b');
    expect(out).not.toContain('\r');
    expect(out).toContain('x\\e[2J\\x9b1m\\ry');
    expect(out.replace(SGR, '')).not.toContain('\u001b');
  });

  it('keeps newline tokens as line breaks', () => {
    const a = makeAnalysis([
      { text: 'a', logprob: -0.01 },
      { text: '\n', logprob: -0.01 },
      { text: 'b', logprob: -0.01 },
    ]);
    expect(renderAnsi(a, { color: false, summary: false })).toBe('a\nb\n');
  });

  it('wraps at the width in display columns, wide characters counting 2', () => {
    const specs: TokenSpec[] = [];
    for (let i = 0; i < 60; i++) {
      specs.push({
        text: i % 3 === 0 ? ' 日本語' : i % 3 === 1 ? ' 🙂word' : 'x',
        logprob: lp(0.2 + (i % 8) / 10),
      });
    }
    const a = makeAnalysis(specs);
    for (const width of [20, 33, 80]) {
      for (const color of [true, false]) {
        const lines = renderAnsi(a, { width, color }).split('\n');
        for (const line of lines) expect(stringWidth(strip(line))).toBeLessThanOrEqual(width);
      }
    }
  });

  it('never exceeds the width and keeps the text, for any tokens', () => {
    const tokenText = fc.oneof(
      fc.constantFrom(' ', '\n', '日本', '🙂', 'a', ' the', 'supercalifragilistic', '\t', ' x'),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ text: tokenText, p: fc.double({ min: 0.001, max: 1, noNaN: true }) }), {
          maxLength: 40,
        }),
        fc.integer({ min: 20, max: 60 }),
        (toks, width) => {
          const a = makeAnalysis(toks.map((t) => ({ text: t.text, logprob: Math.log(t.p) })));
          const out = renderAnsi(a, { width, summary: false, color: true });
          for (const line of out.split('\n')) expect(stringWidth(strip(line))).toBeLessThanOrEqual(width);
          // Escapes are whole: removing the SGR codes leaves no ESC behind.
          expect(strip(out)).not.toContain('\u001b');
          const words = (s: string) => s.replace(/[↓≈↯\s]/g, '');
          expect(words(strip(out))).toBe(words(escapeControls(a.text)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('summarises below the text with the disclaimer once', () => {
    const out = strip(renderAnsi(makeAnalysis(SEED_003), { width: 100 }));
    expect(out.split('\n')[0]).toBe('Andrzej Duda');
    expect(out).toContain('Bands: ');
    expect(out).toContain('\u00a0green\u00a0 p > 90 %');
    expect(out).toContain('↓ low confidence (p < 10 %)');
    expect(out).toContain('4 tokens · mean logprob -0.0014 · perplexity 1.001');
    expect(out).toContain('min p 99.6 % at " D" (#2) · 0 flagged');
    expect(out).toContain('"Andrzej Duda"');
    expect(out.match(/Logprobs measure the model's confidence, not truth\./g)).toHaveLength(1);
  });

  it('lists spans with alternatives at the weakest token, and sentinels as < top-k', () => {
    const out = renderAnsi(makeAnalysis(MIXED), { color: false, width: 200 });
    expect(out).toContain('Low-confidence spans (2):');
    expect(out).toContain('1. "on\\n the mat" · min p 5.0 % · low-confidence, ambiguous, not-top');
    expect(out).toContain('alternatives at " mat": " rug" 60.0 %, " floor" 20.0 %');
    expect(out).toContain('2. "." · min p < top-k');
    expect(out).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('rejects a width that cannot hold a line', () => {
    expect(() => renderAnsi(makeAnalysis(SEED_003), { width: 5 })).toThrow(/invalid width/);
  });
});
