import { finding, notOkFinding, PROBE_PROMPT, type Send, skipped } from './findings.js';
import { isOk } from './ProbeClient.js';
import type { ProbeFinding, ProbeFindings } from './ProbeReport.js';
import { choiceText, completionTokens, promptLogprobs } from './readLogprobs.js';

const PATH = '/completions';

export type CompletionsFindings = Pick<ProbeFindings, 'completionsLogprobs' | 'echo' | 'promptLogprobs'>;

function completionBody(model: string, extra: Record<string, unknown>): Record<string, unknown> {
  return { model, prompt: PROBE_PROMPT, max_tokens: 2, temperature: 0, ...extra };
}

/** Legacy Completions: `logprobs` (an integer), `echo` (prompt logprobs) and vLLM's `prompt_logprobs`. */
export async function probeCompletions(send: Send, model: string): Promise<CompletionsFindings> {
  const answer = await send(
    PATH,
    completionBody(model, { logprobs: 5 }),
    'completions logprobs (logprobs 5)',
  );
  let completionsLogprobs: ProbeFinding;
  if (isOk(answer)) {
    const tokens = completionTokens(answer.json);
    completionsLogprobs =
      tokens === null
        ? finding('ignored', `${answer.status} without choices[0].logprobs`, [answer.index])
        : finding('supported', `${tokens.length} tokens with logprobs`, [answer.index]);
  } else {
    completionsLogprobs = await notOkFinding(answer, () =>
      send(PATH, completionBody(model, {}), 'completions without logprobs (baseline)'),
    );
  }

  let echo: ProbeFinding;
  if (completionsLogprobs.result !== 'supported') {
    echo = skipped(`completions logprobs ${completionsLogprobs.result}`);
  } else {
    const echoed = await send(
      PATH,
      completionBody(model, { max_tokens: 1, echo: true, logprobs: 1 }),
      'completions echo (prompt logprobs)',
    );
    if (isOk(echoed)) {
      const tokens = completionTokens(echoed.json) ?? [];
      // One token was asked for: more means the prompt's tokens came too.
      echo =
        tokens.length > 1
          ? finding(
              'supported',
              `${tokens.length - 1} tokens for the prompt and 1 generated${choiceText(echoed.json).startsWith(PROBE_PROMPT) ? ', text starts with the prompt' : ''}`,
              [echoed.index],
            )
          : finding('ignored', `${echoed.status} with ${tokens.length} token(s): no prompt tokens`, [
              echoed.index,
            ]);
    } else {
      echo = await notOkFinding(echoed);
    }
  }

  // vLLM takes `prompt_logprobs` on both endpoints: use completions unless it is not there.
  const onChat = completionsLogprobs.result === 'missing';
  const body = onChat
    ? { model, messages: [{ role: 'user', content: PROBE_PROMPT }], max_tokens: 1, temperature: 0 }
    : completionBody(model, { max_tokens: 1 });
  const prompted = await send(
    onChat ? '/chat/completions' : PATH,
    { ...body, prompt_logprobs: 1 },
    'prompt_logprobs (vLLM)',
  );
  let promptFinding: ProbeFinding;
  if (isOk(prompted)) {
    const found = promptLogprobs(prompted.json);
    promptFinding =
      found === null
        ? finding('ignored', `${prompted.status} without prompt_logprobs`, [prompted.index])
        : finding('supported', `${found.length} prompt positions`, [prompted.index]);
  } else {
    promptFinding = await notOkFinding(prompted);
  }
  return { completionsLogprobs, echo, promptLogprobs: promptFinding };
}
