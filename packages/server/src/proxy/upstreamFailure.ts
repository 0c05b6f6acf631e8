import { ApiError } from '../ApiError.js';

/** Node's fetch reports why it failed in `cause.code` (`ECONNREFUSED`, `UND_ERR_HEADERS_TIMEOUT`...). */
function reasonOf(error: unknown): { code: string | undefined; text: string } {
  const cause = (error as { cause?: unknown })?.cause;
  const holder = (cause ?? error) as { code?: unknown; message?: unknown };
  const code = typeof holder?.code === 'string' ? holder.code : undefined;
  const message = typeof holder?.message === 'string' ? holder.message : String(error);
  return { code, text: code && !message.includes(code) ? `${code}: ${message}` : message };
}

const TIMEOUTS = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/**
 * The OpenAI-shaped error the client gets when the upstream cannot be reached: 502
 * `upstream_unreachable`, or 504 `upstream_timeout` when it did not answer in time. Names the upstream.
 */
export function upstreamFailure(upstream: string, error: unknown): ApiError {
  const { code, text } = reasonOf(error);
  if (code !== undefined && TIMEOUTS.has(code)) {
    return new ApiError(
      504,
      'server_error',
      `The upstream ${upstream} did not answer in time (${text}); check that it is up and not overloaded`,
      { code: 'upstream_timeout', cause: error },
    );
  }
  return new ApiError(
    502,
    'server_error',
    `The upstream ${upstream} could not be reached (${text}); check that it is running and that --upstream is right`,
    { code: 'upstream_unreachable', cause: error },
  );
}
