import { finding, notOkFinding, PROBE_PROMPT, type Send } from './findings.js';
import { isOk } from './ProbeClient.js';
import type { ProbeFinding } from './ProbeReport.js';
import { responsesItems } from './readLogprobs.js';

const PATH = '/responses';

/** The Responses API: `include: ["message.output_text.logprobs"]` (16 output tokens: OpenAI's minimum). */
export async function probeResponses(send: Send, model: string): Promise<ProbeFinding> {
  const base = { model, input: PROBE_PROMPT, max_output_tokens: 16, temperature: 0 };
  const answer = await send(
    PATH,
    { ...base, include: ['message.output_text.logprobs'], top_logprobs: 5 },
    'responses logprobs',
  );
  if (!isOk(answer)) {
    return notOkFinding(answer, () => send(PATH, base, 'responses without logprobs (baseline)'));
  }
  const items = responsesItems(answer.json);
  return items === null
    ? finding('ignored', `${answer.status} without output[].content[].logprobs`, [answer.index])
    : finding('supported', `${items.length} tokens with logprobs`, [answer.index]);
}
