import { ApiError, type ApiErrorInit } from './ApiError.js';

/** The API answered 5xx. */
export class InternalServerError extends ApiError {
  constructor(init: ApiErrorInit) {
    super(init, 'server_error', 'the server failed; retry later');
  }
}
