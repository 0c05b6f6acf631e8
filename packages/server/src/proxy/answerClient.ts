import { ApiError } from '../ApiError.js';
import type { ResponseTap } from './exchangeTransform.js';
import { exchangeTransform } from './exchangeTransform.js';
import { forwardResponseHeaders } from './forwardHeaders.js';
import { guardUpstreamBody } from './guardUpstreamBody.js';
import type { LogprobsPlan } from './planLogprobs.js';
import { stripLogprobs } from './stripLogprobs.js';
import { UpstreamStreamError } from './UpstreamStreamError.js';

/** The client's response: the upstream's status and headers with this body. */
export function relay(res: Response, body: ConstructorParameters<typeof Response>[0]): Response {
  return new Response(body, {
    status: res.status,
    statusText: res.statusText,
    headers: forwardResponseHeaders(res.headers),
  });
}

/** The upstream's whole body as text; a body that fails half-way is a 502 naming the upstream. */
export async function readUpstreamText(res: Response, upstream: string): Promise<string> {
  try {
    return await res.text();
  } catch (error) {
    const failure = new UpstreamStreamError(upstream, error);
    throw new ApiError(502, 'server_error', failure.message, { code: failure.code, cause: error });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The client's response to a proxied chat / completions / responses call. Errors and bodies that are
 * neither SSE nor JSON pass as they are. SSE is rewritten event by event as it arrives (or passed
 * byte for byte when the client asked for what was sent); whole JSON is read, stripped and written
 * again only when something must come out. The recorder (if any) sees the upstream's text unchanged.
 */
export async function answerClient(
  res: Response,
  plan: LogprobsPlan,
  recorder: ResponseTap | undefined,
  upstream: string,
): Promise<Response> {
  if (res.body === null) return relay(res, null);
  const type = res.headers.get('content-type') ?? '';
  const sse = /text\/event-stream/i.test(type);
  if (!res.ok || !(sse || /json/i.test(type))) return relay(res, guardUpstreamBody(res.body, upstream));
  const tap = recorder && { tap: recorder };
  if (sse) {
    const rewrite =
      plan.strip === 'none'
        ? undefined
        : (value: unknown) => {
            const stripped = stripLogprobs(plan, value, true);
            if (stripped.empty) return 'drop' as const;
            return stripped.changed ? { value } : ('keep' as const);
          };
    const body = guardUpstreamBody(res.body, upstream);
    return relay(res, body.pipeThrough(exchangeTransform({ ...(rewrite && { rewrite }), ...tap })));
  }
  if (plan.strip === 'none') {
    const body = guardUpstreamBody(res.body, upstream);
    return relay(res, tap ? body.pipeThrough(exchangeTransform(tap)) : body);
  }
  const whole = await readUpstreamText(res, upstream);
  recorder?.write(whole);
  recorder?.end();
  const value = parseJson(whole);
  const changed = value !== undefined && stripLogprobs(plan, value, false).changed;
  return relay(res, changed ? JSON.stringify(value) : whole);
}
