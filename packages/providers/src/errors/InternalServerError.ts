import { UpstreamError, type UpstreamErrorInit } from './UpstreamError.js';

/** The API answered 5xx. */
export class InternalServerError extends UpstreamError {
  constructor(init: UpstreamErrorInit) {
    super(init, 'server_error', 'the server failed; retry later');
  }
}
