import { ApiError, type ApiErrorInit } from './ApiError.js';

/** The API answered 400, 409, 413, 422. */
export class BadRequestError extends ApiError {
  constructor(init: ApiErrorInit) {
    super(init, 'bad_request', 'the server rejected the request: check the model name and the parameters');
  }
}
