import { ApiError, type ApiErrorInit } from './ApiError.js';

/** The API answered 401, 403. */
export class AuthenticationError extends ApiError {
  constructor(init: ApiErrorInit) {
    super(
      init,
      'authentication',
      "check the API key (--api-key or the provider's env variable) and that it may use this model",
    );
  }
}
