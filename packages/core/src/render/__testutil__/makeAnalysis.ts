import type { Analysis } from '../../analysis/Analysis.js';
import { analyze } from '../../analysis/analyze.js';
import type { Completion } from '../../model/Completion.js';
import type { Token } from '../../model/Token.js';
import { utf8Encode } from '../../text/utf8.js';

/** A token for tests: text, logprob (null = sentinel) and alternatives as `[text, logprob]`. */
export interface TokenSpec {
  text: string;
  logprob: number | null;
  top?: Array<[string, number | null]>;
}

/** Builds a Completion by hand from token specs (bytes follow from the text). */
export function makeCompletion(specs: readonly TokenSpec[]): Completion {
  const tokens: Token[] = specs.map((s) => ({
    text: s.text,
    bytes: utf8Encode(s.text),
    logprob: s.logprob,
    top: (s.top ?? []).map(([text, logprob]) => ({ text, logprob, bytes: utf8Encode(text) })),
  }));
  return {
    index: 0,
    text: tokens.map((t) => t.text).join(''),
    tokens,
    distribution: 'unknown',
    topK: Math.max(0, ...tokens.map((t) => t.top.length)),
    finishReason: 'stop',
  };
}

/** Runs the real `analyze` on a hand-built gpt-4o chat completion. */
export function makeAnalysis(specs: readonly TokenSpec[]): Analysis {
  return analyze({
    format: 'openai-chat',
    model: 'gpt-4o-2024-08-06',
    id: 'chatcmpl-123',
    completions: [makeCompletion(specs)],
  });
}

/** The seed 003 example ("Andrzej Duda", gpt-4o, top_logprobs 2). */
export const SEED_003: TokenSpec[] = [
  {
    text: 'And',
    logprob: -0.000035,
    top: [
      ['And', -0.000035],
      ['The', -11.4],
    ],
  },
  {
    text: 'rzej',
    logprob: -0.00021,
    top: [
      ['rzej', -0.00021],
      ['rew', -9.1],
    ],
  },
  {
    text: ' D',
    logprob: -0.004,
    top: [
      [' D', -0.004],
      [' Du', -6.2],
    ],
  },
  {
    text: 'uda',
    logprob: -0.0012,
    top: [
      ['uda', -0.0012],
      ['uda', -7.5],
    ],
  },
];

/** One token per band and per clue, a sentinel, a newline and hostile text. */
export const MIXED: TokenSpec[] = [
  {
    text: 'The',
    logprob: Math.log(0.95),
    top: [
      ['The', Math.log(0.95)],
      ['A', Math.log(0.03)],
    ],
  },
  {
    text: ' cat',
    logprob: Math.log(0.8),
    top: [
      [' cat', Math.log(0.8)],
      [' dog', Math.log(0.1)],
    ],
  },
  {
    text: ' sat',
    logprob: Math.log(0.6),
    top: [
      [' sat', Math.log(0.6)],
      [' lay', Math.log(0.3)],
    ],
  },
  {
    text: ' on',
    logprob: Math.log(0.4),
    top: [
      [' on', Math.log(0.4)],
      [' by', Math.log(0.35)],
    ],
  },
  { text: '\n', logprob: Math.log(0.92), top: [['\n', Math.log(0.92)]] },
  {
    text: ' the',
    logprob: Math.log(0.2),
    top: [
      [' a', Math.log(0.5)],
      [' the', Math.log(0.2)],
    ],
  },
  {
    text: ' mat',
    logprob: Math.log(0.05),
    top: [
      [' rug', Math.log(0.6)],
      [' floor', Math.log(0.2)],
    ],
  },
  { text: '.', logprob: null, top: [['!', Math.log(0.7)]] },
];
