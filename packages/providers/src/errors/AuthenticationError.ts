import { UpstreamError, type UpstreamErrorInit } from './UpstreamError.js';

/** The API answered 401, 403. */
export class AuthenticationError extends UpstreamError {
  constructor(init: UpstreamErrorInit) {
    super(
      init,
      'authentication',
      "check the API key (--api-key or the provider's env variable) and that it may use this model",
    );
  }
}
