import { isRecord } from '@tokenscope/core';

/** The routes whose requests the proxy changes and records. */
export type ProxiedKind = 'chat' | 'completions' | 'responses';

/** What the Responses API's `include` needs for output logprobs. */
export const RESPONSES_LOGPROBS_INCLUDE = 'message.output_text.logprobs';

/** How one request is sent up and how its response is given back. */
export interface LogprobsPlan {
  kind: ProxiedKind;
  /** The client's body when it is a JSON object (otherwise it is forwarded as it is). */
  request: Record<string, unknown> | undefined;
  /** The body sent upstream when it differs from the client's; undefined: the client's bytes. */
  sent: Record<string, unknown> | undefined;
  /**
   * What to take out of the response: `none` (the client asked for what was sent), `all` (the client
   * asked for no logprobs), or a number k (the client asked for k alternatives, the upstream for more).
   */
  strip: 'none' | 'all' | number;
  /** Alternatives per token the upstream was asked for; undefined when it was asked for no logprobs. */
  topLogprobs: number | undefined;
  /** Responses only: the `top_logprobs` the client sent (the Response object echoes it), else 0. */
  clientTopLogprobs: number;
}

function asCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** The request as the client sent it: nothing added, nothing taken out of the response. */
export function clientPlan(kind: ProxiedKind, body: unknown): LogprobsPlan {
  const request = isRecord(body) ? body : undefined;
  let topLogprobs: number | undefined;
  if (request && kind === 'chat' && request.logprobs === true)
    topLogprobs = asCount(request.top_logprobs) ?? 0;
  if (request && kind === 'completions') topLogprobs = asCount(request.logprobs);
  const include = request?.include;
  if (
    request &&
    kind === 'responses' &&
    Array.isArray(include) &&
    include.includes(RESPONSES_LOGPROBS_INCLUDE)
  ) {
    topLogprobs = asCount(request.top_logprobs) ?? 0;
  }
  return {
    kind,
    request,
    sent: undefined,
    strip: 'none',
    topLogprobs,
    clientTopLogprobs: asCount(request?.top_logprobs) ?? 0,
  };
}

/**
 * Adds logprobs with `k` alternatives to a request that lacks them (chat: `logprobs: true` +
 * `top_logprobs`; completions: `logprobs: k`; responses: the `include` entry + `top_logprobs`), and
 * raises a chat / responses client's smaller `top_logprobs` to k (trimmed again on the way back).
 * A request the proxy cannot read, or whose logprob fields are the client's own odd choice (`top_logprobs`
 * without `logprobs`, a non-boolean `logprobs`), goes up unchanged so the upstream answers it as it would.
 * Legacy completions that ask for logprobs go up unchanged: their `{token: logprob}` maps cannot be
 * trimmed back the way every server builds them (OpenAI adds the sampled token, others do not).
 */
export function planLogprobs(kind: ProxiedKind, body: unknown, k: number): LogprobsPlan {
  const plan = clientPlan(kind, body);
  const request = plan.request;
  if (!request) return plan;
  const add = (sent: Record<string, unknown>, strip: 'all' | number): LogprobsPlan => ({
    ...plan,
    sent,
    strip,
    topLogprobs: k,
  });
  if (kind === 'chat') {
    if (request.logprobs === true) {
      const asked = request.top_logprobs == null ? 0 : asCount(request.top_logprobs);
      return asked !== undefined && asked < k ? add({ ...request, top_logprobs: k }, asked) : plan;
    }
    if ((request.logprobs == null || request.logprobs === false) && request.top_logprobs == null) {
      return add({ ...request, logprobs: true, top_logprobs: k }, 'all');
    }
    return plan;
  }
  if (kind === 'completions') {
    return request.logprobs == null ? add({ ...request, logprobs: k }, 'all') : plan;
  }
  const include = request.include;
  if (include != null && !Array.isArray(include)) return plan;
  if (request.top_logprobs != null && asCount(request.top_logprobs) === undefined) return plan;
  const asked = asCount(request.top_logprobs) ?? 0;
  if (!include?.includes(RESPONSES_LOGPROBS_INCLUDE)) {
    const top = Math.max(k, asked);
    return {
      ...add(
        { ...request, include: [...(include ?? []), RESPONSES_LOGPROBS_INCLUDE], top_logprobs: top },
        'all',
      ),
      topLogprobs: top,
    };
  }
  return asked < k ? add({ ...request, top_logprobs: k }, asked) : plan;
}
