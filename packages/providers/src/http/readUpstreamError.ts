import { isRecord } from '@tokenscope/core';
import type { UpstreamErrorInit } from '../errors/UpstreamError.js';
import { retryAfterMs } from './retryDelay.js';

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-goog-request-id', 'cf-ray'];

/**
 * Reads an error response's body into the fields of an `UpstreamError`: the provider's message from the
 * usual places (`error.message`, `message`, `error`, `detail`), its code and param. `secret` (the API
 * key) is removed from everything kept, in case a server echoes it.
 */
export function readUpstreamError(
  response: Response,
  text: string,
  url: string,
  secret?: string,
): UpstreamErrorInit {
  const clean = secret ? text.split(secret).join('***') : text;
  let body: unknown = clean;
  try {
    body = JSON.parse(clean);
  } catch {
    // not JSON: keep the text
  }
  const root = Array.isArray(body) ? body[0] : body;
  const error = isRecord(root) && isRecord(root.error) ? root.error : root;
  let message = clean.trim();
  let providerCode: string | undefined;
  let param: string | undefined;
  if (isRecord(error)) {
    const found = [error.message, error.detail, error.error, isRecord(root) ? root.error : undefined].find(
      (v) => typeof v === 'string' && v !== '',
    );
    if (typeof found === 'string') message = found;
    const code = [error.code, error.type, error.status].find((v) => typeof v === 'string' && v !== '');
    if (typeof code === 'string') providerCode = code;
    if (typeof error.param === 'string') param = error.param;
  }
  const init: UpstreamErrorInit = { status: response.status, providerMessage: message, body, url };
  if (providerCode !== undefined) init.providerCode = providerCode;
  if (param !== undefined) init.param = param;
  const requestId = REQUEST_ID_HEADERS.map((h) => response.headers.get(h)).find((v) => v);
  if (requestId) init.requestId = requestId;
  const wait = retryAfterMs(response.headers);
  if (wait !== undefined) init.retryAfterMs = wait;
  return init;
}
