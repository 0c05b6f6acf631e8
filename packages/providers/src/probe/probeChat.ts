import { finding, notOkFinding, PROBE_PROMPT, type Send, skipped, statusText } from './findings.js';
import { isOk, type ProbeAnswer, streamEvents } from './ProbeClient.js';
import type { ProbeFinding, ProbeFindings } from './ProbeReport.js';
import { chatItems, itemsWithBytes, mostAlternatives, streamItemCount } from './readLogprobs.js';

/** `top_logprobs` values tried, largest first (OpenAI's maximum is 20). */
export const TOP_LOGPROBS_LADDER = [20, 5, 1] as const;
/** The value above 20 tried once 20 is accepted. */
export const ABOVE_LIMIT = 50;

export type ChatFindings = Pick<
  ProbeFindings,
  'chatLogprobs' | 'topLogprobs' | 'topLogprobsAbove20' | 'bytes' | 'streamLogprobs'
> & {
  /** The largest `top_logprobs` accepted when chat logprobs are supported (0: only without it), else null. */
  maxTop: number | null;
};

const PATH = '/chat/completions';

function chatBody(model: string, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    model,
    messages: [{ role: 'user', content: PROBE_PROMPT }],
    max_tokens: 3,
    temperature: 0,
    ...extra,
  };
}

/** Retrying with a smaller `top_logprobs` can only help after a 400 or 422. */
function worthSmaller(answer: ProbeAnswer): boolean {
  return answer.status === 400 || answer.status === 422;
}

function allSkipped(why: string, chatLogprobs: ProbeFinding): ChatFindings {
  return {
    chatLogprobs,
    topLogprobs: skipped(why),
    topLogprobsAbove20: skipped(why),
    bytes: skipped(why),
    streamLogprobs: skipped(why),
    maxTop: null,
  };
}

/** Chat Completions: logprobs, the largest `top_logprobs`, one above 20, `bytes`, logprobs in streams. */
export async function probeChat(send: Send, model: string): Promise<ChatFindings> {
  const refusedTops: ProbeAnswer[] = [];
  let accepted: { answer: ProbeAnswer; top: number } | undefined;
  for (const top of TOP_LOGPROBS_LADDER) {
    const answer = await send(
      PATH,
      chatBody(model, { logprobs: true, top_logprobs: top }),
      `chat logprobs (top_logprobs ${top})`,
    );
    if (isOk(answer)) {
      accepted = { answer, top };
      break;
    }
    refusedTops.push(answer);
    if (!worthSmaller(answer)) break;
  }
  const last = refusedTops.at(-1);
  if (accepted === undefined && last !== undefined && worthSmaller(last)) {
    const answer = await send(PATH, chatBody(model, { logprobs: true }), 'chat logprobs (no top_logprobs)');
    if (isOk(answer)) accepted = { answer, top: 0 };
    else refusedTops.push(answer);
  }
  if (accepted === undefined) {
    const failedAnswer = refusedTops.at(-1)!;
    const result = await notOkFinding(failedAnswer, () =>
      send(PATH, chatBody(model, {}), 'chat without logprobs (baseline)'),
    );
    result.requests = [...refusedTops.slice(0, -1).map((a) => a.index), ...result.requests];
    return allSkipped(`chat logprobs ${result.result}`, result);
  }

  const { answer, top } = accepted;
  const items = chatItems(answer.json);
  if (items === null) {
    const ignored = finding('ignored', `${answer.status} without choices[0].logprobs.content`, [
      answer.index,
    ]);
    return allSkipped('chat logprobs ignored', ignored);
  }
  const chatLogprobs = finding('supported', `${items.length} tokens with logprobs`, [answer.index]);
  const refusedNote = refusedTops.map((a) => `; larger refused (${statusText(a)})`).join('');
  const alternatives = mostAlternatives(items);
  const topLogprobs = finding(
    'supported',
    top === 0
      ? `only without top_logprobs${refusedNote}`
      : `top_logprobs ${top} accepted, ${alternatives} alternatives came back${refusedNote}`,
    [...refusedTops.map((a) => a.index), answer.index],
    top,
  );

  let topLogprobsAbove20: ProbeFinding;
  if (top === 20) {
    const above = await send(
      PATH,
      chatBody(model, { max_tokens: 2, logprobs: true, top_logprobs: ABOVE_LIMIT }),
      `chat logprobs (top_logprobs ${ABOVE_LIMIT})`,
    );
    const aboveItems = isOk(above) ? chatItems(above.json) : null;
    topLogprobsAbove20 = isOk(above)
      ? finding(
          'supported',
          `top_logprobs ${ABOVE_LIMIT} accepted, ${aboveItems === null ? 0 : mostAlternatives(aboveItems)} alternatives came back`,
          [above.index],
          ABOVE_LIMIT,
        )
      : { ...(await notOkFinding(above)), value: ABOVE_LIMIT };
  } else {
    topLogprobsAbove20 = skipped('top_logprobs 20 not accepted');
  }

  const withBytes = itemsWithBytes(items);
  const bytes =
    withBytes === 0
      ? finding('absent', `none of ${items.length} tokens has bytes`, [answer.index])
      : finding('supported', `${withBytes} of ${items.length} tokens have bytes`, [answer.index]);

  const stream = await send(
    PATH,
    chatBody(model, { stream: true, logprobs: true, ...(top > 0 ? { top_logprobs: Math.min(top, 2) } : {}) }),
    'chat stream logprobs',
  );
  let streamLogprobs: ProbeFinding;
  if (isOk(stream)) {
    const events = streamEvents(stream.text);
    const count = streamItemCount(events);
    streamLogprobs =
      count > 0
        ? finding('supported', `${count} tokens with logprobs in ${events.length} chunks`, [stream.index])
        : finding('ignored', `${events.length} chunks, none with choices[].logprobs.content`, [stream.index]);
  } else {
    streamLogprobs = await notOkFinding(stream);
  }
  return { chatLogprobs, topLogprobs, topLogprobsAbove20, bytes, streamLogprobs, maxTop: top };
}
