import type { TokenscopeError } from '@tokenscope/core';
import { errorAnswer } from './errorAnswer.js';

/** Sends one `data:` event (a JSON value), with an `event:` name when given. */
export type SendEvent = (data: unknown, event?: string) => void;

export interface SseOptions {
  /** Write `data: [DONE]` after the last event (default true; OpenAI's Responses API sends none). */
  doneMarker?: boolean;
  /**
   * Sends the events that end a stream that failed after its first event (default: one
   * `data: {"error": ...}` event, as Chat Completions streams end).
   */
  onError?: (error: TokenscopeError, send: SendEvent) => void;
}

const encoder = new TextEncoder();

/**
 * Runs `produce` and streams what it sends as Server-Sent Events (`data: <json>\n\n`, then
 * `data: [DONE]`). The response is returned only when the first event is ready or `produce` failed,
 * so an error before the first event (a crash, a context overflow) is still an ordinary JSON error
 * with its status. An error later ends the stream with a `data: {"error": ...}` event (the official
 * clients raise it; `options.onError` sends other events). A reader that goes away (the client
 * disconnected) aborts `produce`'s signal.
 */
export async function sseResponse(
  requestSignal: AbortSignal,
  produce: (send: SendEvent, signal: AbortSignal) => Promise<void>,
  options: SseOptions = {},
): Promise<Response> {
  const controller = new AbortController();
  const onRequestAbort = () => controller.abort(requestSignal.reason);
  if (requestSignal.aborted) onRequestAbort();
  else requestSignal.addEventListener('abort', onRequestAbort, { once: true });

  let stream: ReadableStreamDefaultController<Uint8Array> | undefined;
  const buffered: Uint8Array[] = [];
  let closed = false;
  const write = (text: string) => {
    if (closed) return;
    const bytes = encoder.encode(text);
    if (stream) stream.enqueue(bytes);
    else buffered.push(bytes);
  };
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const send: SendEvent = (data, event) => {
    write(`${event === undefined ? '' : `event: ${event}\n`}data: ${JSON.stringify(data)}\n\n`);
    markReady();
  };
  const close = () => {
    if (closed) return;
    closed = true;
    requestSignal.removeEventListener('abort', onRequestAbort);
    stream?.close();
  };

  let failure: TokenscopeError | undefined;
  const done = produce(send, controller.signal).then(
    () => {
      if (options.doneMarker !== false) write('data: [DONE]\n\n');
      close();
    },
    (error: unknown) => {
      if (controller.signal.aborted) {
        close();
        return;
      }
      const apiError = errorAnswer(error);
      if (buffered.length === 0 && !stream) failure = apiError;
      else {
        if (options.onError) options.onError(apiError, send);
        else write(`data: ${JSON.stringify(apiError.toJSON())}\n\n`);
        close();
      }
    },
  );
  await Promise.race([ready, done]);
  if (failure) {
    close(); // no stream yet: only stops writes and the request's abort listener
    throw failure;
  }

  const body = new ReadableStream<Uint8Array>({
    start(c) {
      stream = c;
      for (const bytes of buffered.splice(0)) c.enqueue(bytes);
      if (closed) c.close();
    },
    cancel(reason) {
      controller.abort(reason ?? new Error('the client stopped reading the stream'));
      closed = true;
      requestSignal.removeEventListener('abort', onRequestAbort);
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    },
  });
}
