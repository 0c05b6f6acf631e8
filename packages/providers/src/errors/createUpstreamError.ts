import { AuthenticationError } from './AuthenticationError.js';
import { BadRequestError } from './BadRequestError.js';
import { InternalServerError } from './InternalServerError.js';
import { NotFoundError } from './NotFoundError.js';
import { RateLimitError } from './RateLimitError.js';
import { UpstreamError, type UpstreamErrorInit } from './UpstreamError.js';

/** The one factory of API errors: the class follows the status family. */
export function createUpstreamError(init: UpstreamErrorInit): UpstreamError {
  const { status } = init;
  if (status === 401 || status === 403) return new AuthenticationError(init);
  if (status === 404) return new NotFoundError(init);
  if (status === 429) return new RateLimitError(init);
  if (status >= 500) return new InternalServerError(init);
  if (status >= 400) return new BadRequestError(init);
  return new UpstreamError(init);
}
