import { describe, expect, it } from 'vitest';
import {
  analyzeCompletion,
  type Completion,
  DISCLAIMER,
  gate,
  InvalidOptionError,
  renderGateJson,
  renderGateMarkdown,
  renderGateText,
  type Token,
} from '../index.js';

function completion(pieces: Array<[string, number | null]>): Completion {
  const tokens: Token[] = pieces.map(([text, logprob]) => ({ text, logprob, bytes: null, top: [] }));
  return { index: 0, text: tokens.map((t) => t.text).join(''), tokens, distribution: 'unknown', topK: 0 };
}

// Five sentences; mean logprobs worked out by hand:
//  1 "Paris is the capital."   (-.01 -.02 -.05 -.1 -.01) / 5 = -0.038          > -0.5  → publish
//  2 "It was built in 1889."   (-.3 -.2 -.9 -.4 -3 -.2) / 6 = -5/6 = -0.833    between; the year
//                               "1889" has p = e^-3 = 5.0 % < 10 % (low confidence)  → review
//  3 "The tower is tall."      (-.9 -.7 -.6 -1.2 -.1) / 5 = -0.7              between; no critical
//                               fact ("The" starts the sentence; p(tall) = 30 %)     → publish
//  4 "Nobody knows why."       (-2 -2.5 -1.5 -.5) / 4 = -1.625                 < -1.5 → review
//  5 "Maybe."                  both tokens below the reported top-k (null)           → review
const answer = analyzeCompletion(
  completion([
    ['Paris', -0.01],
    [' is', -0.02],
    [' the', -0.05],
    [' capital', -0.1],
    ['.', -0.01],
    [' It', -0.3],
    [' was', -0.2],
    [' built', -0.9],
    [' in', -0.4],
    [' 1889', -3],
    ['.', -0.2],
    [' The', -0.9],
    [' tower', -0.7],
    [' is', -0.6],
    [' tall', -1.2],
    ['.', -0.1],
    [' Nobody', -2],
    [' knows', -2.5],
    [' why', -1.5],
    ['.', -0.5],
    [' Maybe', null],
    ['.', null],
  ]),
  { format: 'openai-chat' },
);

describe('gate', () => {
  it('gives each sentence a verdict with its reason (default thresholds -0.5 / -1.5)', () => {
    const result = gate(answer);
    expect(result.sentences.map((s) => [s.text, s.verdict])).toEqual([
      ['Paris is the capital.', 'publish'],
      ['It was built in 1889.', 'review'],
      ['The tower is tall.', 'publish'],
      ['Nobody knows why.', 'review'],
      ['Maybe.', 'review'],
    ]);
    const [s1, s2, s3, s4, s5] = result.sentences;
    expect(s1!.meanLogprob).toBeCloseTo(-0.038, 12);
    expect(s1!.reason).toBe('mean logprob -0.038 > -0.5');
    expect(s2!.meanLogprob).toBeCloseTo(-5 / 6, 12);
    expect(s2!.reason).toBe(
      'mean logprob -0.833 is between -1.5 and -0.5, low-confidence critical fact "1889" (date, 5.0 %)',
    );
    expect(s2!.lowConfidenceFacts.map((f) => f.text)).toEqual(['1889']);
    expect(s3!.reason).toBe(
      'mean logprob -0.700 is between -1.5 and -0.5, no critical fact is low-confidence',
    );
    expect(s4!.reason).toBe('mean logprob -1.625 < -1.5');
    expect(s5!.meanLogprob).toBeNull();
    expect(s5!.reason).toMatch(/no token logprob is known/);
    expect(result).toMatchObject({
      verdict: 'review',
      counts: { publish: 2, review: 3 },
      thresholds: { publish: -0.5, review: -1.5 },
    });
  });

  it('uses the thresholds given, and the analysis low-confidence threshold for facts', () => {
    const strict = gate(answer, { publish: -0.03, review: -0.9 });
    // 1: -0.038 is now between, no fact → publish; 3: -0.7 between → publish; 2: -0.83 between + fact.
    expect(strict.sentences.map((s) => s.verdict)).toEqual([
      'publish',
      'review',
      'publish',
      'review',
      'review',
    ]);
    // With a 1 % low-confidence threshold the year (5 %) is no longer low-confidence.
    const lenient = analyzeCompletion(
      completionFrom(answer),
      { format: 'openai-chat' },
      { lowConfidence: 0.01 },
    );
    expect(gate(lenient).sentences[1]!.verdict).toBe('publish');
  });

  it('includes both bounds in the middle band', () => {
    const edge = analyzeCompletion(
      completion([
        ['Yes', -0.5],
        ['.', -0.5],
        [' No', -1.5],
        ['.', -1.5],
      ]),
      { format: 'openai-chat' },
    );
    expect(gate(edge).sentences.map((s) => s.verdict)).toEqual(['publish', 'publish']);
    expect(gate(edge).sentences[1]!.reason).toMatch(/between/);
  });

  it('publishes an all-confident answer, and an empty one', () => {
    const sure = analyzeCompletion(
      completion([
        ['Yes', -0.01],
        ['.', -0.01],
      ]),
      { format: 'openai-chat' },
    );
    expect(gate(sure)).toMatchObject({ verdict: 'publish', counts: { publish: 1, review: 0 } });
    expect(gate(analyzeCompletion(completion([]), { format: 'openai-chat' }))).toMatchObject({
      verdict: 'publish',
      sentences: [],
    });
  });

  it.each([
    [
      { publish: -1.5, review: -1.5 },
      /publish threshold \(-1\.5\) must be above the review threshold \(-1\.5\)/,
    ],
    [{ publish: -2 }, /must be above the review threshold/],
    [{ publish: 0.5 }, /invalid publish threshold: expected a mean logprob <= 0/],
    [{ review: Number.NaN }, /invalid review threshold/],
  ])('rejects thresholds %o', (options, message) => {
    expect(() => gate(answer, options)).toThrow(InvalidOptionError);
    expect(() => gate(answer, options)).toThrow(message);
  });
});

function completionFrom(a: typeof answer): Completion {
  return completion(a.tokens.map((t) => [t.text, t.logprob]));
}

describe('gate renderers', () => {
  const result = gate(answer);

  it('text: verdict line, one line per sentence with its reason, and the disclaimer', () => {
    const text = renderGateText(result);
    expect(text).toMatch(
      /^REVIEW: 3 of 5 sentences need review \(publish above a mean logprob of -0\.5, review below -1\.5\)\n/,
    );
    expect(text).toContain(
      '✓ publish  -0.038  "Paris is the capital."\n                     mean logprob -0.038 > -0.5\n',
    );
    expect(text).toContain('✗ review   -0.833  "It was built in 1889."');
    expect(text).toContain('✗ review      n/a  "Maybe."');
    expect(text.trimEnd().endsWith(DISCLAIMER)).toBe(true);
    expect(text).not.toContain('\u001b[');
    expect(renderGateText(result, { color: true })).toContain('\u001b[1;31mREVIEW\u001b[0m');
  });

  it('text escapes control characters in sentences', () => {
    const evil = analyzeCompletion(
      completion([
        ['Hi\u001b[2J', -0.1],
        ['.', -0.1],
      ]),
      { format: 'openai-chat' },
    );
    expect(renderGateText(gate(evil))).not.toContain('\u001b');
  });

  it('markdown: a table with escaped cells', () => {
    const pipe = analyzeCompletion(
      completion([
        ['a | b', -0.1],
        ['.', -0.1],
      ]),
      { format: 'openai-chat' },
    );
    const md = renderGateMarkdown(gate(pipe));
    expect(md).toContain('| 1 | ✓ publish | -0.100 | a \\| b. |');
    expect(md).toContain(`_${DISCLAIMER}_`);
  });

  it('json: the result with null for an unknown mean and the disclaimer', () => {
    const parsed = JSON.parse(renderGateJson(result));
    expect(parsed.verdict).toBe('review');
    expect(parsed.sentences[4].meanLogprob).toBeNull();
    expect(parsed.disclaimer).toBe(DISCLAIMER);
    expect(renderGateJson(result, { pretty: true })).toMatch(/^\{\n {2}"verdict"/);
  });
});
