/** Builders of OpenAI Chat Completions responses (whole and streamed) for CLI tests. */

/** One token: its text, its probability, and the alternatives (text, probability) at its position. */
export type TokenSpec = [text: string, prob: number, alternatives: Array<[string, number]>];

function bytes(text: string): number[] {
  return [...Buffer.from(text, 'utf8')];
}

function item(text: string, prob: number) {
  return { token: text, logprob: Math.log(prob), bytes: bytes(text) };
}

function content(tokens: TokenSpec[]) {
  return tokens.map(([text, prob, alternatives]) => ({
    ...item(text, prob),
    top_logprobs: alternatives.map(([alt, p]) => item(alt, p)),
  }));
}

/** A whole `chat.completion` with one choice per token list. */
export function chatCompletion(...choices: TokenSpec[][]) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_763_800_000,
    model: 'gpt-4o-mini-2024-07-18',
    choices: choices.map((tokens, index) => ({
      index,
      message: { role: 'assistant', content: tokens.map(([text]) => text).join(''), refusal: null },
      logprobs: { content: content(tokens), refusal: null },
      finish_reason: 'stop',
    })),
    usage: { prompt_tokens: 12, completion_tokens: choices[0]?.length ?? 0, total_tokens: 12 },
  };
}

/**
 * One `chat.completion.chunk` carrying one token (or, with `finish`, the final empty delta).
 * `obfuscation` is the random padding OpenAI adds to stream chunks; parsers ignore it.
 */
export function chatChunk(token: TokenSpec | null, finish?: string, obfuscation?: string) {
  return {
    id: 'chatcmpl-stream',
    object: 'chat.completion.chunk',
    created: 1_763_800_000,
    model: 'gpt-4o-mini-2024-07-18',
    system_fingerprint: 'fp_0123456789',
    choices: [
      {
        index: 0,
        delta: token === null ? {} : { content: token[0] },
        logprobs: token === null ? null : { content: content([token]), refusal: null },
        finish_reason: finish ?? null,
      },
    ],
    ...(obfuscation === undefined ? {} : { obfuscation }),
  };
}

/** An SSE stream of `tokens`, ending with `data: [DONE]` unless `truncated`. */
export function chatSse(tokens: TokenSpec[], truncated = false): string {
  const events = [...tokens.map((t) => chatChunk(t)), ...(truncated ? [] : [chatChunk(null, 'stop')])];
  return `${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}${truncated ? '' : 'data: [DONE]\n\n'}`;
}

/** "The answer is D." with one very unsure token ("D" at 0.4 %). */
export const UNSURE: TokenSpec[] = [
  [
    'The',
    0.99,
    [
      ['The', 0.99],
      ['A', 0.005],
    ],
  ],
  [
    ' answer',
    0.97,
    [
      [' answer', 0.97],
      [' result', 0.02],
    ],
  ],
  [
    ' is',
    0.95,
    [
      [' is', 0.95],
      [' was', 0.03],
    ],
  ],
  [
    ' D',
    0.004,
    [
      [' B', 0.6],
      [' C', 0.3],
      [' D', 0.004],
    ],
  ],
  [
    '.',
    0.98,
    [
      ['.', 0.98],
      ['!', 0.01],
    ],
  ],
];

/** "Paris is the capital." with every token above 90 %. */
export const CONFIDENT: TokenSpec[] = [
  [
    'Paris',
    0.98,
    [
      ['Paris', 0.98],
      ['The', 0.01],
    ],
  ],
  [
    ' is',
    0.99,
    [
      [' is', 0.99],
      [' was', 0.005],
    ],
  ],
  [
    ' the',
    0.97,
    [
      [' the', 0.97],
      [' a', 0.02],
    ],
  ],
  [
    ' capital',
    0.96,
    [
      [' capital', 0.96],
      [' city', 0.03],
    ],
  ],
  [
    '.',
    0.99,
    [
      ['.', 0.99],
      ['!', 0.005],
    ],
  ],
];

/** "Maybe Paris." with one unsure token that is still the top choice ("Maybe" at 8 %, margin 0.07). */
export const HESITANT: TokenSpec[] = [
  [
    'Maybe',
    0.08,
    [
      ['Maybe', 0.08],
      ['Paris', 0.01],
    ],
  ],
  [
    ' Paris',
    0.97,
    [
      [' Paris', 0.97],
      [' Rome', 0.02],
    ],
  ],
  [
    '.',
    0.99,
    [
      ['.', 0.99],
      ['!', 0.005],
    ],
  ],
];
