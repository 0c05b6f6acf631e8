import { TokenscopeError } from '@tokenscope/core';

/** What an HTTP error response said, as the provider sent it. */
export interface UpstreamErrorInit {
  status: number;
  /** The provider's error message (`error.message`, `message`, `error` string, or the body). */
  providerMessage: string;
  /** The parsed error body (JSON), or the raw text when it was not JSON. */
  body: unknown;
  /** `error.code` / `error.type` / `error.status`, when the body had one. */
  providerCode?: string;
  /** `error.param`, when the body had one (OpenAI names the rejected parameter). */
  param?: string;
  /** The `x-request-id` (or similar) response header. */
  requestId?: string;
  /** `retry-after` / `retry-after-ms`, in ms, when the response had one. */
  retryAfterMs?: number;
  /** Where the request went (no query string, no key). */
  url: string;
}

/**
 * A remote API (the upstream) answered with an error status. Subclasses by status family (see
 * `createUpstreamError`); the upstream's status (`upstreamStatus`), message and body, and the request
 * id are kept. When a request to one of our servers caused it, the answer is a 502: the upstream
 * failed, not our server; the provider's code and rejected parameter go with it.
 */
export class UpstreamError extends TokenscopeError {
  readonly upstreamStatus: number;
  readonly providerMessage: string;
  readonly body: unknown;
  readonly providerCode: string | undefined;
  readonly requestId: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly url: string;

  constructor(init: UpstreamErrorInit, code = 'api_error', hint = 'check the request and the server') {
    const id = init.requestId ? ` (request id ${init.requestId})` : '';
    super(
      code,
      `${init.url} answered ${init.status}${id}: ${oneLine(init.providerMessage) || '(empty body)'}; ${hint}`,
      { status: 502, type: 'server_error', param: init.param ?? null },
    );
    this.upstreamStatus = init.status;
    this.providerMessage = init.providerMessage;
    this.body = init.body;
    this.providerCode = init.providerCode;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
    this.url = init.url;
  }
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
