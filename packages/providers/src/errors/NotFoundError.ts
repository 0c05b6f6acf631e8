import { ApiError, type ApiErrorInit } from './ApiError.js';

/** The API answered 404. */
export class NotFoundError extends ApiError {
  constructor(init: ApiErrorInit) {
    super(
      init,
      'not_found',
      'check the base URL (most OpenAI-compatible servers end in /v1) and the model name',
    );
  }
}
