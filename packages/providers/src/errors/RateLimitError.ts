import { ApiError, type ApiErrorInit } from './ApiError.js';

/** The API answered 429. */
export class RateLimitError extends ApiError {
  constructor(init: ApiErrorInit) {
    super(init, 'rate_limited', 'wait and retry, or lower the request rate');
  }
}
