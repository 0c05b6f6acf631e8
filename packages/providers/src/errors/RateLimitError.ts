import { UpstreamError, type UpstreamErrorInit } from './UpstreamError.js';

/** The API answered 429. */
export class RateLimitError extends UpstreamError {
  constructor(init: UpstreamErrorInit) {
    super(init, 'rate_limited', 'wait and retry, or lower the request rate');
  }
}
