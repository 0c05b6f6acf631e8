import '../names.js'; // names among the critical facts, as the CLI, server and web app find them
import { describe, expect, it } from 'vitest';
import { MIXED, makeAnalysis, SEED_003 } from './__testutil__/makeAnalysis.js';
import { escapeMarkdown, escapeTableCell } from './escapeMarkdown.js';
import { renderMarkdown, spanMarker } from './renderMarkdown.js';

describe('renderMarkdown', () => {
  it('has a summary table, the text, facts, sentences and the disclaimer', () => {
    const md = renderMarkdown(makeAnalysis(SEED_003));
    expect(md).toContain('| Tokens | 4 |');
    expect(md).toContain('| Mean logprob | -0.0014 |');
    expect(md).toContain('| Min p | 99.6 % at ␣D (#2) |');
    expect(md).toContain('## Text\n\nAndrzej Duda\n');
    expect(md).toContain('| person | Andrzej Duda | 99.6 % | -0.0014 |  |');
    expect(md).toContain('| 1 | -0.0014 | 99.6 % | 0 | Andrzej Duda |');
    expect(md).toContain("> Logprobs measure the model's confidence, not truth.");
  });

  it('marks low-confidence spans in bold with a numbered marker, and lists their alternatives', () => {
    const md = renderMarkdown(makeAnalysis(MIXED));
    expect(md).toContain('The cat sat **on**  \n **the mat**⁽¹⁾**.**⁽²⁾');
    expect(md).toContain(
      '| 1 | on↵␣the␣mat | 5.0 % | ↓ low-confidence, ≈ ambiguous, ↯ not-top | ␣rug 60.0 %, ␣floor 20.0 % |',
    );
    expect(md).toContain('| 2 | . | < top-k | ↓ low-confidence, ↯ not-top | ! 70.0 % |');
    expect(spanMarker(12)).toBe('⁽¹²⁾');
  });

  it('escapes Markdown in the text and | in table cells', () => {
    const a = makeAnalysis([
      { text: '# *a* | [x](y) <b>', logprob: -0.01 },
      { text: '\n- `c`', logprob: -0.01 },
    ]);
    const md = renderMarkdown(a);
    expect(md).toContain('\\# \\*a\\* \\| \\[x\\](y) \\<b\\>  \n\\- \\`c\\`');
    expect(md).toContain('| 1 | -0.01 | 99.0 % | 0 | # \\*a\\* \\| \\[x\\](y) \\<b\\> |');
    expect(md).toContain('| 2 | -0.01 | 99.0 % | 0 | - \\`c\\` |');
    expect(escapeTableCell('a|b\nc\u001b')).toBe('a\\|b↵c\\\\x1b');
    expect(escapeMarkdown('1. x\n+ y')).toBe('1\\. x\n\\+ y');
  });
});
