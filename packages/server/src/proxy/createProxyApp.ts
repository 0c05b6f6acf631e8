import { ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT } from '@opentelemetry/semantic-conventions';
import { InvalidOptionError, isRecord, type RunRecord } from '@tokenscope/core';
import type { RunStore } from '@tokenscope/store';
import { Hono } from 'hono';
import { ApiError } from '../ApiError.js';
import { guardLoopbackHost } from '../app/guardApiRequest.js';
import { respondWithError } from '../errorAnswer.js';
import { guardCrossOrigin } from '../guardCrossOrigin.js';
import type { ExchangeFailure, ExchangeTelemetry } from '../telemetry/ExchangeTelemetry.js';
import { answerClient, readUpstreamText, relay } from './answerClient.js';
import { ExchangeRecorder } from './ExchangeRecorder.js';
import { forwardRequestHeaders } from './forwardHeaders.js';
import { guardUpstreamBody } from './guardUpstreamBody.js';
import { isLogprobsRefusal } from './isLogprobsRefusal.js';
import { clientPlan, type ProxiedKind, planLogprobs } from './planLogprobs.js';
import { promptOf } from './runOfExchange.js';
import { UpstreamRefusedLogprobsError } from './UpstreamRefusedLogprobsError.js';
import { UpstreamUrl } from './UpstreamUrl.js';
import { upstreamFailure } from './upstreamFailure.js';

/** Alternatives per token the proxy asks for when the client did not ask for more. */
export const DEFAULT_PROXY_TOP_LOGPROBS = 5;

export interface ProxyOptions {
  /** The upstream's base URL, as an OpenAI client's `baseURL` (`http://127.0.0.1:8080/v1`). */
  upstream: string;
  /** Alternatives per token to ask for (default 5). */
  topLogprobs?: number;
  /** Where exchanges are recorded; without it nothing is, and requests are forwarded unchanged. */
  store?: RunStore;
  /** The fetch used to call the upstream (default: the global one). */
  fetch?: typeof fetch;
  /** Called when an exchange cannot be recorded (default: one line on stderr). Never affects the client. */
  onRecordError?: (error: Error) => void;
  /** Called with each run recorded. */
  onRecord?: (run: RunRecord) => void;
  /** Receives each save under way, so that a server can wait for them before it closes (`startProxy`). */
  trackSave?: (save: Promise<void>) => void;
  /**
   * Web origins whose pages may call the proxy from a browser (or `*`; `tokenscope proxy --cors`).
   * Other pages are refused (403), and so are chat completions, completions and responses that are
   * not `application/json` (415): see `guardCrossOrigin`.
   */
  cors?: readonly string[];
  /**
   * Answer only requests for loopback host names (403 `host_not_allowed` otherwise), against DNS
   * rebinding; `startProxy` sets it when it listens on a loopback address.
   */
  loopbackHostOnly?: boolean;
  /**
   * Export a CLIENT span per chat completion, completion and response, with the figures of the
   * answer's logprobs (added as for recording; `tokenscope proxy --otlp-endpoint`). `startProxy`
   * shuts it down in `close()`.
   */
  telemetry?: ExchangeTelemetry;
}

/** `gen_ai.provider.name` of the proxy's spans: the API the upstream speaks. */
const PROXY_PROVIDER = 'openai';

const KINDS: Record<string, ProxiedKind> = {
  '/chat/completions': 'chat',
  '/completions': 'completions',
  '/responses': 'responses',
};

function parseObject(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The recording proxy as a Hono app: every request under `/v1` goes to the upstream with the client's
 * headers (hop-by-hop ones dropped) and comes back with the upstream's status, headers and body. On
 * chat completions, completions and responses it adds logprobs the client did not ask for, takes them
 * out of the answer again (streams event by event, as they arrive), and records the exchange in the
 * store after the response is complete. See docs/proxy.md.
 */
export function createProxyApp(options: ProxyOptions): Hono {
  const upstream = new UpstreamUrl(options.upstream);
  const k = options.topLogprobs ?? DEFAULT_PROXY_TOP_LOGPROBS;
  if (!Number.isSafeInteger(k) || k < 0) {
    throw new InvalidOptionError('topLogprobs', `expected an integer >= 0, got ${k}`);
  }
  const send = options.fetch ?? fetch;
  const onRecordError =
    options.onRecordError ?? ((error: Error) => process.stderr.write(`tokenscope proxy: ${error.message}\n`));
  /** `kind model` pairs whose upstream refused the added logprobs: forwarded unchanged from then on. */
  const refused = new Set<string>();
  const upstreamOrigin = new URL(upstream.display);
  const upstreamAttributes = {
    [ATTR_SERVER_ADDRESS]: upstreamOrigin.hostname.replace(/^\[(.*)\]$/, '$1'),
    [ATTR_SERVER_PORT]: Number(upstreamOrigin.port) || (upstreamOrigin.protocol === 'https:' ? 443 : 80),
  };

  const call = async (url: string, init: RequestInit, signal: AbortSignal): Promise<Response> => {
    try {
      return await send(url, { ...init, signal, redirect: 'manual' });
    } catch (error) {
      if (signal.aborted) throw error; // the client went away: nobody reads the answer
      throw upstreamFailure(upstream.display, error);
    }
  };

  const app = new Hono();
  app.onError((error, c) => respondWithError(c, error));
  app.notFound((c) => {
    throw new ApiError(
      404,
      'invalid_request_error',
      `Invalid URL (${c.req.method} ${c.req.path}): the proxy forwards /v1/... to ${upstream.display}`,
    );
  });

  if (options.loopbackHostOnly) app.use('/v1/*', guardLoopbackHost());
  app.use(
    '/v1/*',
    guardCrossOrigin({
      ...(options.cors === undefined ? {} : { cors: options.cors }),
      jsonBody: (path) => KINDS[path.slice('/v1'.length).replace(/\/+$/, '')] !== undefined,
    }),
  );
  app.all('/v1/*', async (c) => {
    const request = c.req.raw;
    const url = new URL(request.url);
    const rest = url.pathname.slice('/v1'.length);
    const target = upstream.resolve(rest, url.search);
    const headers = forwardRequestHeaders(request.headers);
    const signal = request.signal;
    const kind = request.method === 'POST' ? KINDS[rest.replace(/\/+$/, '')] : undefined;

    if (kind === undefined) {
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null;
      const init = { method: request.method, headers, body: hasBody ? request.body : null, duplex: 'half' };
      const res = await call(target, init as RequestInit, signal);
      return relay(res, res.body && guardUpstreamBody(res.body, upstream.display));
    }

    const text = await request.text();
    const body = parseObject(text);
    const model =
      typeof (body as { model?: unknown })?.model === 'string' ? (body as { model: string }).model : '?';
    const what = `POST /v1${rest} (model ${model})`;
    const refusalKey = `${kind} ${model}`;
    const span = options.telemetry?.start(
      {
        operation: kind === 'completions' ? 'text_completion' : 'chat',
        provider: PROXY_PROVIDER,
        body,
        prompt: isRecord(body) ? promptOf(kind, body) : null,
      },
      'client',
      { attributes: upstreamAttributes, headers: request.headers },
    );
    span?.inject(headers); // the upstream's own spans (serve's) join the client's trace
    const failed = (failure: ExchangeFailure) => span?.fail(failure);
    // Logprobs are added to be recorded or traced: else the proxy forwards requests as they are.
    const adds = options.store !== undefined || span !== undefined;
    let plan = adds && !refused.has(refusalKey) ? planLogprobs(kind, body, k) : clientPlan(kind, body);
    const post = async (payload: string) => {
      try {
        return await call(target, { method: 'POST', headers, body: payload }, signal);
      } catch (error) {
        if (signal.aborted) failed({ type: 'cancelled' });
        else if (error instanceof ApiError)
          failed({ type: error.code, message: error.message, status: error.status });
        else failed({ type: error instanceof Error ? error.name : 'error' });
        throw error;
      }
    };
    let res = await post(plan.sent ? JSON.stringify(plan.sent) : text);

    if (plan.sent && !res.ok) {
      const error = await readUpstreamText(res, upstream.display);
      const status = res.status;
      if (!isLogprobsRefusal(res.status, error)) {
        failed({ type: String(status), status });
        return relay(res, error);
      }
      plan = clientPlan(kind, body);
      res = await post(text);
      // Remembered only when the client's own request then passes: the additions were the cause.
      if (res.ok && !refused.has(refusalKey)) {
        refused.add(refusalKey);
        onRecordError(new UpstreamRefusedLogprobsError(what, status, error));
      }
    }
    if (!res.ok) failed({ type: String(res.status), status: res.status });
    // a run is saved when the answer has logprobs; a span ends with whatever the answer has
    const store = plan.topLogprobs === undefined ? undefined : options.store;
    const recorder =
      res.ok && (store || span) && plan.request
        ? new ExchangeRecorder({
            ...(store && { store }),
            ...(span && { span }),
            exchange: {
              kind,
              request: plan.request,
              topLogprobs: plan.topLogprobs ?? 0,
              endpoint: upstream.display,
            },
            what,
            onRecord: options.onRecord,
            onError: onRecordError,
            ...(options.trackSave === undefined ? {} : { trackSave: options.trackSave }),
          })
        : undefined;
    // a client that goes away before the whole answer went through ends the span as cancelled
    if (span && recorder) {
      signal.addEventListener('abort', () => recorder.ended || span.fail({ type: 'cancelled' }), {
        once: true,
      });
    }
    return answerClient(res, plan, recorder, upstream.display);
  });
  return app;
}
