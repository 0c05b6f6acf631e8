import { describe, expect, it } from 'vitest';
import { analyzeConsistency } from './analyzeConsistency.js';
import { renderConsistencyHtml } from './renderConsistencyHtml.js';
import { renderConsistencyMarkdown } from './renderConsistencyMarkdown.js';
import { renderConsistencyText } from './renderConsistencyText.js';
import { toJsonConsistency } from './toJsonConsistency.js';

const CUT =
  'Cut off: generation stopped at the token limit (finish reason "length"): the answer is incomplete.';

describe('a sampled answer cut off by the token limit says so in every consistency view', () => {
  const cut = analyzeConsistency(
    [
      { text: 'Lily went to the park and saw a big', finishReason: 'length' },
      { text: 'Lily went to the park and saw a big', finishReason: 'length' },
      { text: 'Lily went to the park.', finishReason: 'stop' },
    ],
    { temperature: 0.7, cost: { requests: 3 } },
  );
  const ended = analyzeConsistency(
    [
      { text: 'Paris', finishReason: 'stop' },
      { text: 'Paris', finishReason: 'stop' },
    ],
    { temperature: 0.7, cost: { requests: 2 } },
  );

  it('terminal, Markdown, HTML and JSON', () => {
    expect(cut.samples[cut.chosen]!.finishReason).toBe('length');
    expect(renderConsistencyText(cut, { color: false, width: 0 })).toContain(CUT);
    expect(renderConsistencyMarkdown(cut)).toContain('> **Cut off:** generation stopped at the token limit');
    expect(renderConsistencyHtml(cut)).toContain('data-ending="cut-off"');
    expect(toJsonConsistency(cut).ending).toMatchObject({ cutOff: true });
  });

  it('says nothing for an answer that ended by itself', () => {
    expect(renderConsistencyText(ended, { color: false, width: 0 })).not.toContain('Cut off');
    expect(renderConsistencyMarkdown(ended)).not.toContain('Cut off');
    expect(renderConsistencyHtml(ended)).not.toContain('data-ending');
    expect(toJsonConsistency(ended).ending.cutOff).toBe(false);
  });
});
