import { UpstreamError } from '../errors/UpstreamError.js';
import type { EndpointOptions } from '../Provider.js';

/** Endpoints that refused `max_tokens`: later requests to them send `max_completion_tokens` at once. */
const WANTS_COMPLETION_TOKENS = new WeakSet<EndpointOptions>();

/**
 * Sends a chat body, and once more with `max_completion_tokens` in place of `max_tokens` when the
 * server refuses `max_tokens` and names `max_completion_tokens` (OpenAI's reasoning models: "Unsupported
 * parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead."),
 * so that their real answer (a logprob refusal, or the text) comes back. The same endpoint object
 * (as `sampleAnswers` passes for every sample) then gets `max_completion_tokens` at once.
 */
export async function withMaxCompletionTokens<T>(
  endpoint: EndpointOptions,
  body: Record<string, unknown>,
  send: (body: Record<string, unknown>) => Promise<T>,
): Promise<T> {
  const swapped = (): Record<string, unknown> => {
    const { max_tokens: limit, ...rest } = body;
    return { ...rest, max_completion_tokens: limit };
  };
  if (body.max_tokens !== undefined && WANTS_COMPLETION_TOKENS.has(endpoint)) return send(swapped());
  try {
    return await send(body);
  } catch (error) {
    const refused =
      error instanceof UpstreamError &&
      error.upstreamStatus === 400 &&
      body.max_tokens !== undefined &&
      /max_completion_tokens/.test(error.providerMessage);
    if (!refused) throw error;
    WANTS_COMPLETION_TOKENS.add(endpoint);
    return send(swapped());
  }
}
