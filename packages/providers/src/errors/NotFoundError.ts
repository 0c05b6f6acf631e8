import { UpstreamError, type UpstreamErrorInit } from './UpstreamError.js';

/** The API answered 404. */
export class NotFoundError extends UpstreamError {
  constructor(init: UpstreamErrorInit) {
    super(
      init,
      'not_found',
      'check the base URL (most OpenAI-compatible servers end in /v1) and the model name',
    );
  }
}
