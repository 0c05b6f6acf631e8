/**
 * `tokenscope serve --otlp-endpoint`: a SERVER span per chat completion and completion the server
 * answers. The middleware starts the span and ends it as failed when the request fails (before or
 * during a stream); the route reports the answer when its generation ended (`traceServedAnswer`),
 * which ends the span with the answer's attributes and Tokenscope's figures.
 */
import type { LogprobResponse, RunPrompt } from '@tokenscope/core';
import type { GenerateResult } from '@tokenscope/local';
import type { Context, MiddlewareHandler } from 'hono';
import { errorAnswer } from '../errorAnswer.js';
import { usageOf } from '../usageOf.js';
import type { ExchangeSpan, ExchangeTelemetry } from './ExchangeTelemetry.js';
import type { GenAiOperation } from './genAi.js';

/** `gen_ai.provider.name` of the spans `tokenscope serve` exports. */
export const SERVE_PROVIDER = 'tokenscope';

const spans = new WeakMap<Request, ExchangeSpan>();

/** Starts a span per POST on the route; ends it as failed when the request or its stream fails. */
export function traceServed(telemetry: ExchangeTelemetry, operation: GenAiOperation): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const span = telemetry.start(
      { operation, provider: SERVE_PROVIDER, body: undefined, prompt: null },
      'server',
      { headers: c.req.raw.headers },
    );
    spans.set(c.req.raw, span);
    await next();
    if (span.ended) return;
    if (c.error !== undefined) {
      const error = errorAnswer(c.error);
      span.setRequest({ operation, provider: SERVE_PROVIDER, body: await bodyOf(c), prompt: null });
      span.fail({ type: error.code, message: error.message, status: error.status });
      return;
    }
    const res = c.res;
    if (res.body === null || !/text\/event-stream/i.test(res.headers.get('content-type') ?? '')) {
      span.fail({ type: String(res.status), status: res.status });
      return;
    }
    // A stream whose answer was not reported when it ends failed in-band (its last event an error) or
    // lost its client.
    c.res = new Response(
      watchEnd(res.body, (last, cancelled) => {
        const failure = cancelled ? undefined : streamError(last);
        span.fail(failure ?? { type: cancelled ? 'cancelled' : 'incomplete' });
      }),
      res,
    );
  };
}

/** The answer of a traced request (a no-op when the request is not traced). */
export function traceServedAnswer(
  c: Context,
  exchange: {
    operation: GenAiOperation;
    body: unknown;
    prompt: RunPrompt;
    id: string;
    results: readonly GenerateResult[];
    /** The answer as one response of all its choices (built on first call, shared with `--record`). */
    response: () => LogprobResponse;
  },
): void {
  const span = spans.get(c.req.raw);
  if (span === undefined || span.ended) return;
  const { operation, results } = exchange;
  span.setRequest({ operation, provider: SERVE_PROVIDER, body: exchange.body, prompt: exchange.prompt });
  const response: LogprobResponse = { ...exchange.response(), id: exchange.id };
  const usage = usageOf(results);
  span.end({ response, usage: { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens } });
}

async function bodyOf(c: Context): Promise<unknown> {
  try {
    return JSON.parse(await c.req.text()); // cached by Hono once the route read it
  } catch {
    return undefined;
  }
}

/** The body as it is, calling `onEnd` once with its last chunk when it ended or was cancelled. */
function watchEnd(
  body: ReadableStream<Uint8Array>,
  onEnd: (last: Uint8Array | undefined, cancelled: boolean) => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let last: Uint8Array | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            onEnd(last, false);
            return;
          }
          last = value;
          controller.enqueue(value);
        } catch (error) {
          controller.error(error);
          onEnd(last, true);
        }
      },
      cancel(reason) {
        onEnd(last, true);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 }, // read as the client reads: stalled clients are still seen
  );
}

/** The error a stream's last event carries (`data: {"error": {code, message}}`), if it does. */
function streamError(last: Uint8Array | undefined): { type: string; message?: string } | undefined {
  if (last === undefined) return undefined;
  const events = new TextDecoder()
    .decode(last)
    .split(/\r?\n\r?\n/)
    .filter((e) => e.trim() !== '');
  const lines = events.at(-1)?.split(/\r?\n/) ?? [];
  const data = lines.find((line) => line.startsWith('data: '))?.slice('data: '.length);
  if (data === undefined) return undefined;
  try {
    const error = (JSON.parse(data) as { error?: { code?: unknown; type?: unknown; message?: unknown } })
      .error;
    if (error === undefined) return undefined;
    const type =
      typeof error.code === 'string' ? error.code : typeof error.type === 'string' ? error.type : 'error';
    return { type, ...(typeof error.message === 'string' ? { message: error.message } : {}) };
  } catch {
    return undefined;
  }
}
