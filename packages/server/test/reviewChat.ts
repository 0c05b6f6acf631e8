/**
 * Recorded-shape OpenAI chat responses for the confidence gate's tests (server routes and the app's
 * review e2e): tokens with chosen logprobs, one top-1 alternative each.
 */

/** An OpenAI chat response (JSON text) whose tokens have the given logprobs. */
export function chatWithLogprobs(pieces: Array<[string, number]>, model = 'test-model'): string {
  return JSON.stringify({
    id: 'chatcmpl-review',
    object: 'chat.completion',
    model,
    choices: [
      {
        index: 0,
        finish_reason: 'stop',
        message: { role: 'assistant', content: pieces.map(([t]) => t).join('') },
        logprobs: {
          content: pieces.map(([token, logprob]) => ({
            token,
            logprob,
            bytes: null,
            top_logprobs: [{ token, logprob, bytes: null }],
          })),
        },
      },
    ],
  });
}

/**
 * Three sentences. 0: mean -0.05 → publish. 1: mean -2 → review. 2: mean -1 (between) and the year
 * has p = e^-3 = 5 % → review with a low-confidence date; with publish -1.1 its mean is still between
 * (review -2.5), so it stays in review because of the fact.
 */
export const MIXED_PIECES: Array<[string, number]> = [
  ['Paris', -0.05],
  [' is', -0.05],
  [' nice', -0.05],
  ['.', -0.05],
  [' Nobody', -2],
  [' knows', -2],
  ['.', -2],
  [' It', -0.2],
  [' opened', -0.2],
  [' in', -0.2],
  [' 1889', -3],
  ['.', -1.4],
];
