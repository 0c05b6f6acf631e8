import '../names.js'; // names among the critical facts, as the CLI, server and web app find them
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import type { LogprobResponse } from '../model/Completion.js';
import type { Token } from '../model/Token.js';
import { completionOf, tok } from './__fixtures__/tokens.js';
import { analyze, analyzeCompletion } from './analyze.js';

/** Seed 003: gpt-4o answering "Who is the president of Poland?" with top_logprobs: 2. */
const seedTokens: Token[] = [
  tok('And', -0.000035, [
    ['And', -0.000035],
    ['The', -11.4],
  ]),
  tok('rzej', -0.00021, [
    ['rzej', -0.00021],
    ['rew', -9.1],
  ]),
  tok(' D', -0.004, [
    [' D', -0.004],
    [' Du', -6.2],
  ]),
  tok('uda', -0.0012, [
    ['uda', -0.0012],
    ['uda', -7.5],
  ]),
];
const seed: LogprobResponse = {
  format: 'openai-chat',
  model: 'gpt-4o-2024-08-06',
  id: 'chatcmpl-123',
  completions: [completionOf(seedTokens, { finishReason: 'stop' })],
};

describe('analyze: seed 003 "Andrzej Duda"', () => {
  const a = analyze(seed);

  it('analyses every token: all green, rank 1, margins near 1', () => {
    expect(a.text).toBe('Andrzej Duda');
    expect(a.tokens.map((t) => t.offset)).toEqual([0, 3, 7, 9]); // running sums of 3, 4, 2, 3 characters
    expect(a.tokens.map((t) => t.band)).toEqual(['green', 'green', 'green', 'green']);
    expect(a.tokens.map((t) => t.rank)).toEqual([1, 1, 1, 1]);
    // margins: e^lp - e^alt
    //   And:  0.99996500 - 0.00001120 (e^-11.4) = 0.99995381
    //   rzej: 0.99979002 - 0.00011167 (e^-9.1)  = 0.99967836
    //    D:   0.99600799 - 0.00202943 (e^-6.2)  = 0.99397856
    //   uda:  0.99880072 - 0.00055308 (e^-7.5)  = 0.99824764 (the matching "uda", not the -7.5 one)
    const margins = [0.99995381, 0.99967836, 0.99397856, 0.99824764];
    for (const [i, t] of a.tokens.entries()) expect(t.margin).toBeCloseTo(margins[i]!, 8);
    expect(a.tokens.every((t) => t.clues.length === 0)).toBe(true);
  });

  it('summarises the sequence', () => {
    // sum = -(0.000035 + 0.00021 + 0.004 + 0.0012) = -0.005445; mean = -0.005445 / 4 = -0.00136125
    // perplexity = e^0.00136125 = 1.00136218; min p = e^-0.004 = 0.99600799 at " D" (index 2)
    expect(a.summary.sumLogprob).toBeCloseTo(-0.005445, 12);
    expect(a.summary.meanLogprob).toBeCloseTo(-0.00136125, 12);
    expect(a.summary.perplexity).toBeCloseTo(1.00136218, 8);
    expect(a.summary.minProb).toBeCloseTo(0.99600799, 8);
    expect(a.summary.minProbIndex).toBe(2);
    expect(a.summary.bandCounts).toEqual({ green: 4, lime: 0, yellow: 0, orange: 0, red: 0 });
    expect(a.summary.flaggedTokens).toBe(0);
  });

  it('finds the words, the sentence and the name; no span', () => {
    expect(a.words.map((w) => [w.text, w.start, w.end])).toEqual([
      ['Andrzej', 0, 2],
      ['Duda', 2, 4],
    ]);
    expect(a.sentences.map((s) => s.text)).toEqual(['Andrzej Duda']);
    expect(a.facts).toHaveLength(1);
    expect(a.facts[0]).toMatchObject({
      kind: 'person',
      text: 'Andrzej Duda',
      start: 0,
      end: 4,
      flagged: false,
    });
    expect(a.facts[0]!.meanLogprob).toBeCloseTo(-0.00136125, 12);
    expect(a.spans).toEqual([]);
    expect(a.source).toEqual({
      format: 'openai-chat',
      model: 'gpt-4o-2024-08-06',
      id: 'chatcmpl-123',
      index: 0,
      distribution: 'unknown',
      topK: 2,
      finishReason: 'stop',
    });
  });

  it('applies threshold overrides: a 0.9995 margin makes "Duda" an ambiguous span', () => {
    const strict = analyze(seed, { thresholds: { ambiguousMargin: 0.9995 } });
    expect(strict.thresholds.ambiguousMargin).toBe(0.9995);
    // margins 0.99995, 0.99968 pass; 0.99398 (" D") and 0.99825 ("uda") are below 0.9995
    expect(strict.tokens.map((t) => t.flagged)).toEqual([false, false, true, true]);
    expect(strict.spans).toHaveLength(1);
    expect(strict.spans[0]).toMatchObject({
      text: 'Duda',
      start: 2,
      end: 4,
      weakest: 2,
      clues: ['ambiguous'],
    });
    expect(strict.spans[0]!.facts).toEqual(['person']);
    expect(strict.spans[0]!.alternatives.map((x) => x.text)).toEqual([' D', ' Du']);
  });
});

describe('analyze: options', () => {
  const two: LogprobResponse = {
    format: 'openai-chat',
    completions: [completionOf([tok('a', -0.1)]), completionOf([tok('b', -0.2)], { index: 1 })],
  };

  it('picks a choice', () => {
    expect(analyze(two, { choice: 1 }).text).toBe('b');
    expect(analyze(two, { choice: 1 }).source.index).toBe(1);
    expect(analyze(two).source).not.toHaveProperty('model');
  });

  it.each([2, -1, 1.5])('rejects choice %s, saying how many exist', (choice) => {
    expect(() => analyze(two, { choice })).toThrow(InvalidOptionError);
    expect(() => analyze(two, { choice })).toThrow(
      /choice .* does not exist: the response has 2 choices \(choices are 0\.\.1\)/,
    );
  });

  it('rejects bad thresholds before analysing', () => {
    expect(() => analyze(two, { thresholds: { bands: { orange: 0.95 } } })).toThrow(
      /thresholds\.bands\.orange/,
    );
  });

  it('analyses an empty completion', () => {
    const a = analyzeCompletion(completionOf([]), { format: 'vllm' });
    expect([a.text, a.tokens, a.words, a.sentences, a.spans, a.facts]).toEqual(['', [], [], [], [], []]);
    expect(a.summary.perplexity).toBe(1);
  });
});

describe('analyze: a 300,000-token completion', () => {
  it('is analysed correctly end to end', () => {
    // One sentence is 11 tokens: "Anna paid $12 on May 1, 2024. "; every 7th token (i % 7 === 3) has p = e^-3.
    const pieces = ['Anna', ' paid', ' $', '12', ' on', ' May', ' 1', ',', ' 2024', '.', ' '];
    const reps = 27273;
    const tokens: Token[] = [];
    for (let r = 0; r < reps; r++) {
      for (const p of pieces) {
        const lp = tokens.length % 7 === 3 ? -3 : -0.05;
        tokens.push(
          tok(p, lp, [
            [p, lp],
            ['x', -4],
          ]),
        );
      }
    }
    const n = tokens.length; // 300,003
    const a = analyzeCompletion(completionOf(tokens), { format: 'openai-chat' });
    expect(a.tokens).toHaveLength(n);
    expect(a.summary.tokens).toBe(n);
    expect(a.summary.flaggedTokens).toBe(Math.floor((n - 4) / 7) + 1);
    expect(a.sentences).toHaveLength(reps);
    expect(a.words).toHaveLength(reps * 7); // Anna paid 12 on May 1 2024
    expect(a.facts).toHaveLength(reps * 3); // Anna (a first name the tagger knows), $12 and May 1, 2024
    const last = a.tokens[n - 1]!;
    expect(last.offset + last.text.length).toBe(a.text.length);
    // Collect problems and assert once: an expect() per token would dominate the test's time.
    const problems: string[] = [];
    for (const t of a.tokens) {
      if (a.text.slice(t.offset, t.offset + t.text.length) !== t.text)
        problems.push(`token ${t.index} offset`);
    }
    expect(a.spans.length).toBeGreaterThan(0);
    let previousEnd = -1;
    for (const s of a.spans) {
      if (s.charStart < previousEnd) problems.push(`span at ${s.charStart} overlaps`);
      if (a.text.slice(s.charStart, s.charEnd) !== s.text) problems.push(`span at ${s.charStart} text`);
      if (!a.tokens.slice(s.start, s.end).some((t) => t.flagged))
        problems.push(`span at ${s.charStart} unflagged`);
      previousEnd = s.charEnd;
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });
});
