/** Hand-made responses for the X-ray browser tests (OpenAI chat shape). */

const bytes = (s: string) => [...new TextEncoder().encode(s)];

interface Tok {
  token: string;
  logprob: number;
  top: Array<[string, number]>;
}

export function chatResponse(tokens: Tok[], model = 'hand-made'): string {
  return JSON.stringify({
    id: 'chatcmpl-test',
    object: 'chat.completion',
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: tokens.map((t) => t.token).join('') },
        logprobs: {
          content: tokens.map((t) => ({
            token: t.token,
            logprob: t.logprob,
            bytes: bytes(t.token),
            top_logprobs: t.top.map(([token, logprob]) => ({ token, logprob, bytes: bytes(token) })),
          })),
        },
        finish_reason: 'stop',
      },
    ],
  });
}

export const IMG = '<img src=x onerror=alert(1)>';
export const SCRIPT_END = '</script>';
export const SCRIPT = '<script>alert(2)</script>';

/** Token text that would run if it were ever treated as HTML, plus controls and a newline. */
export const ATTACK = chatResponse([
  {
    token: 'Hi ',
    logprob: -0.01,
    top: [
      ['Hi ', -0.01],
      ['Hello', -5],
    ],
  },
  {
    token: IMG,
    logprob: -0.2,
    top: [
      [IMG, -0.2],
      ['<b>', -2.2],
      [SCRIPT, -3],
    ],
  },
  {
    token: SCRIPT_END,
    logprob: -2.5,
    top: [
      ['ok', -0.3],
      [SCRIPT_END, -2.5],
    ],
  },
  { token: '\n', logprob: -0.05, top: [['\n', -0.05]] },
  {
    token: '\u001b[31m',
    logprob: -1,
    top: [
      ['\u001b[31m', -1],
      ['\u202e', -1.1],
    ],
  },
  {
    token: SCRIPT,
    logprob: -0.7,
    top: [
      [SCRIPT, -0.7],
      ['"><svg onload=alert(3)>', -0.9],
    ],
  },
]);
