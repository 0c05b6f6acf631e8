import { UpstreamError, type UpstreamErrorInit } from './UpstreamError.js';

/** The API answered 400, 409, 413, 422. */
export class BadRequestError extends UpstreamError {
  constructor(init: UpstreamErrorInit) {
    super(init, 'bad_request', 'the server rejected the request: check the model name and the parameters');
  }
}
