import { TokenscopeError } from '@tokenscope/core';
import { ApiError } from '../../ApiError.js';
import { toAppError } from '../toAppError.js';

/**
 * Runs a remote call: a remote provider's error (`logprobs_unsupported`, `authentication_error`,
 * `connection_error`, ...) that the app's mapping does not know becomes a 502 that keeps the provider's
 * message and code (the endpoint failed, not this server); anything else is rethrown as it is.
 */
export async function fromUpstream<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof TokenscopeError && !(error instanceof ApiError)) {
      const mapped = toAppError(error);
      if (mapped.status === 500) {
        throw new ApiError(502, 'server_error', error.message, { code: error.code, cause: error });
      }
    }
    throw error;
  }
}
