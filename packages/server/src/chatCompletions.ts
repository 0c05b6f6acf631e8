import { randomUUID } from 'node:crypto';
import type { RunRole } from '@tokenscope/core';
import type { ChatMessage, Engine, GenerateResult } from '@tokenscope/local';
import type { Context } from 'hono';
import { ApiError } from './ApiError.js';
import { type AppContext, keepsLogprobs, nowSeconds } from './AppContext.js';
import { toChatLogprob } from './chatLogprobs.js';
import { constraintChoiceField, rawLogprobs, reportedToken } from './constraintFields.js';
import { parseBody } from './parseBody.js';
import { datasetOf } from './recordServed.js';
import { reportServed } from './reportServed.js';
import { runChoices } from './runChoices.js';
import { type ChatRequest, chatRequestSchema } from './schemas/chatRequestSchema.js';
import { sseResponse } from './sseResponse.js';
import {
  checkContextLength,
  checkMinTokens,
  checkTopLogprobs,
  toGenerateRequest,
} from './toGenerateRequest.js';
import { Utf8Stream } from './tokenText.js';
import { usageOf } from './usageOf.js';

function toMessages(body: ChatRequest): ChatMessage[] {
  return body.messages.map((m) => ({
    role: m.role,
    content: typeof m.content === 'string' ? m.content : (m.content ?? []).map((p) => p.text).join(''),
  }));
}

/** `POST /v1/chat/completions`: OpenAI's Chat Completions, whole or streamed, with real logprobs. */
export async function chatCompletions(c: Context, app: AppContext): Promise<Response> {
  const body = await parseBody(c, chatRequestSchema);
  const engine = await app.registry.get(body.model);
  const logprobs = body.logprobs === true;
  if (body.top_logprobs != null && !logprobs) {
    throw ApiError.invalid('top_logprobs', 'Invalid \'top_logprobs\': requires "logprobs": true');
  }
  const topLogprobs = checkTopLogprobs(body.top_logprobs ?? 0, 'top_logprobs', engine, body);
  const messages = toMessages(body);
  const dataset = datasetOf(c); // checked before anything runs
  await checkChatLength(engine, messages);

  const request = toGenerateRequest(body, { messages });
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens != null) request.maxTokens = maxTokens;
  checkMinTokens(request, body.max_completion_tokens != null ? 'max_completion_tokens' : 'max_tokens');
  request.logprobs = logprobs || keepsLogprobs(app); // a recorded or traced answer keeps its logprobs
  request.topLogprobs = topLogprobs;
  const n = body.n ?? 1;
  const seed = body.seed ?? undefined;
  const id = `chatcmpl-${randomUUID().replaceAll('-', '')}`;
  const base = {
    created: nowSeconds(),
    model: engine.info.id,
    system_fingerprint: app.fingerprint,
  };
  const signal = c.req.raw.signal;

  const record = (results: readonly GenerateResult[]) =>
    reportServed(c, app, {
      operation: 'chat',
      body,
      requestedModel: body.model,
      dataset,
      prompt: { kind: 'chat', messages: runMessages(messages) },
      request,
      id,
      results,
      info: engine.info,
    });

  if (body.stream !== true) {
    const results = await runChoices(engine, request, { n, seed, signal });
    record(results);
    return c.json({
      id,
      object: 'chat.completion',
      ...base,
      choices: results.map((r, index) => ({
        index,
        message: { role: 'assistant', content: r.text, refusal: null },
        logprobs: logprobs
          ? { content: r.tokens.map((t) => toChatLogprob(reportedToken(t))), refusal: null }
          : null,
        finish_reason: r.finishReason,
        ...constraintChoiceField(r, r.tokens, logprobs),
      })),
      usage: usageOf(results),
      tokenscope: tokenscopeField(results[0], request.distribution ?? 'raw'),
    });
  }

  const includeUsage = body.stream_options?.include_usage === true;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
    id,
    object: 'chat.completion.chunk',
    ...base,
    choices,
    ...(includeUsage && { usage: null }),
    ...extra,
  });
  return sseResponse(signal, async (send, streamSignal) => {
    const utf8 = Array.from({ length: n }, () => new Utf8Stream());
    const streamed = Array.from({ length: n }, () => '');
    const started = Array.from({ length: n }, () => false);
    const start = (index: number) => {
      if (started[index]) return;
      started[index] = true;
      send(
        chunk([{ index, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]),
      );
    };
    const results = await runChoices(engine, request, {
      n,
      seed,
      signal: streamSignal,
      onToken(index, token) {
        start(index);
        const content = utf8[index]!.push(token);
        streamed[index] += content;
        if (!logprobs && content === '') return;
        send(
          chunk([
            {
              index,
              delta: { content },
              logprobs: logprobs ? { content: [toChatLogprob(reportedToken(token))], refusal: null } : null,
              finish_reason: null,
              ...(logprobs && token.constrained && { tokenscope: { raw_logprobs: rawLogprobs([token]) } }),
            },
          ]),
        );
      },
    });
    results.forEach((r, index) => {
      start(index);
      let rest = utf8[index]!.flush();
      const sent = streamed[index]! + rest;
      if (r.text.length > sent.length && r.text.startsWith(sent)) rest += r.text.slice(sent.length);
      send(
        chunk(
          [
            {
              index,
              delta: rest === '' ? {} : { content: rest },
              logprobs: null,
              finish_reason: r.finishReason,
              ...constraintChoiceField(r, [], false),
            },
          ],
          {
            tokenscope: tokenscopeField(r, request.distribution ?? 'raw'),
          },
        ),
      );
    });
    if (includeUsage) send({ ...chunk([]), usage: usageOf(results) });
    record(results);
  });
}

export function tokenscopeField(result: GenerateResult | undefined, fallback: 'raw' | 'processed') {
  return {
    distribution: result?.distribution ?? fallback,
    ...(result?.chatTemplate && { chat_template: result.chatTemplate }),
  };
}

/**
 * 400 `context_length_exceeded` when the messages alone fill the context (counted without the chat
 * template's few tokens: the engine rejects what this lets through).
 */
export async function checkChatLength(
  engine: Engine,
  messages: readonly ChatMessage[],
  param = 'messages',
): Promise<void> {
  const text = messages.map((m) => m.content).join('\n');
  // A token holds at least one UTF-8 byte and a UTF-16 unit at most 3: shorter texts cannot overflow.
  if (3 * text.length + 8 < engine.info.contextSize) return;
  const tokens = await engine.tokenize(text);
  checkContextLength(engine, tokens.length, param);
}

/** The messages as a run keeps them (a `tool` message is kept as a user turn). */
export function runMessages(messages: readonly ChatMessage[]): Array<{ role: RunRole; content: string }> {
  return messages.map((m) => ({ role: m.role === 'tool' ? 'user' : m.role, content: m.content }));
}
