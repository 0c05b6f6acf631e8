import type { TokenscopeError } from '@tokenscope/core';
import type { Engine, GenerateRequest, GenerateResult } from '@tokenscope/local';
import { type ChatTokenLogprob, toChatLogprob } from '../chatLogprobs.js';
import { reportedToken } from '../constraintFields.js';
import { runChoices } from '../runChoices.js';
import { type SendEvent, sseResponse } from '../sseResponse.js';
import { Utf8Stream } from '../tokenText.js';
import {
  messageItem,
  outputText,
  type ResponseBase,
  type ResponseStatus,
  responseObject,
  responseUsage,
  statusOf,
} from './responseObject.js';

export interface StreamedResponse {
  engine: Engine;
  request: GenerateRequest;
  base: ResponseBase;
  messageId: string;
  /** Whether `include` asked for the logprobs (each delta then carries its tokens' entries). */
  logprobs: boolean;
  /** The `tokenscope` extension of the finished answer. */
  extension: (result: GenerateResult) => Record<string, unknown>;
  /** Saves the answer (`serve --record`) once it is sent. */
  record: (results: readonly GenerateResult[]) => void;
}

/**
 * A Responses API answer as OpenAI streams it: named events, each with its `sequence_number`:
 * `response.created`, `response.in_progress`, `response.output_item.added`,
 * `response.content_part.added`, one `response.output_text.delta` per token (with its logprobs when
 * included, `bytes` kept), `response.output_text.done`, `response.content_part.done`,
 * `response.output_item.done`, then `response.completed` or `response.incomplete`; no `[DONE]`. The
 * first events wait for the first token, so that an error before it is still an ordinary JSON error;
 * one after it ends the stream with an `error` event and `response.failed`.
 */
export function streamResponse(signal: AbortSignal, s: StreamedResponse): Promise<Response> {
  let sequence = 0;
  let send: SendEvent = () => {};
  const emit = (type: string, fields: Record<string, unknown>) =>
    send({ type, sequence_number: sequence++, ...fields }, type);
  const at = { item_id: s.messageId, output_index: 0, content_index: 0 };
  let text = '';
  const items: ChatTokenLogprob[] = [];

  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    const response = responseObject(s.base, { status: 'in_progress', output: [], usage: null });
    emit('response.created', { response });
    emit('response.in_progress', { response });
    emit('response.output_item.added', {
      output_index: 0,
      item: messageItem(s.messageId, 'in_progress', []),
    });
    emit('response.content_part.added', { ...at, part: outputText('', []) });
  };
  const delta = (content: string, logprobs: ChatTokenLogprob[]) => {
    text += content;
    emit('response.output_text.delta', { ...at, delta: content, logprobs });
  };

  const onError = (error: TokenscopeError, sendEvent: SendEvent) => {
    send = sendEvent;
    const { code, message, param } = error.toJSON().error;
    emit('error', { code, message, param });
    const failed = { code: code ?? 'server_error', message };
    const output = [messageItem(s.messageId, 'incomplete', [outputText(text, items)])];
    emit('response.failed', {
      response: responseObject(s.base, { status: 'failed', output, usage: null, error: failed }),
    });
  };

  return sseResponse(
    signal,
    async (sendEvent, streamSignal) => {
      send = sendEvent;
      const utf8 = new Utf8Stream();
      const [result] = await runChoices(s.engine, s.request, {
        n: 1,
        signal: streamSignal,
        onToken(_, token) {
          start();
          const content = utf8.push(token);
          if (!s.logprobs && content === '') return;
          const entry = s.logprobs ? [toChatLogprob(reportedToken(token))] : [];
          items.push(...entry);
          delta(content, entry);
        },
      });
      if (!result) throw new Error('the engine gave no result');
      start();
      let rest = utf8.flush();
      if (result.text.length > (text + rest).length && result.text.startsWith(text + rest)) {
        rest += result.text.slice((text + rest).length);
      }
      if (rest !== '') delta(rest, []);
      const status: ResponseStatus = statusOf(result);
      const part = outputText(result.text, items);
      emit('response.output_text.done', { ...at, text: result.text, logprobs: items });
      emit('response.content_part.done', { ...at, part });
      const item = messageItem(s.messageId, status === 'completed' ? 'completed' : 'incomplete', [part]);
      emit('response.output_item.done', { output_index: 0, item });
      emit(status === 'completed' ? 'response.completed' : 'response.incomplete', {
        response: responseObject(s.base, {
          status,
          output: [item],
          usage: responseUsage(result),
          tokenscope: s.extension(result),
        }),
      });
      s.record([result]);
    },
    { doneMarker: false, onError },
  );
}
