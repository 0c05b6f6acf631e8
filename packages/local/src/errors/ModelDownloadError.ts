import { TokenscopeError } from '@tokenscope/core';

/** A model could not be downloaded: network failure, HTTP error status, or a cut connection. */
export class ModelDownloadError extends TokenscopeError {
  readonly url: string;
  /** The HTTP status, when the server answered with an error. */
  readonly httpStatus: number | undefined;

  constructor(url: string, reason: string, options: { status?: number; cause?: unknown } = {}) {
    super('model_download_failed', `could not download ${url}: ${reason}`, {
      status: 502,
      cause: options.cause,
    });
    this.url = url;
    this.httpStatus = options.status;
  }
}
