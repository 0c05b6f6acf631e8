import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ApiError } from '../ApiError.js';

/** Node's largest request head (request line, URL and headers) by default: 16 KiB. */
const MAX_HEADER_BYTES = 16 * 1024;

/** What Node's HTTP parser found wrong with a request, as the `ApiError` the client gets. */
function clientErrorOf(error: NodeJS.ErrnoException): ApiError {
  const detail = `${error.code ?? 'parse error'}: ${error.message}`;
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return new ApiError(
      431,
      'invalid_request_error',
      `The request's URL and headers are larger than this server accepts (${MAX_HEADER_BYTES} bytes in all); send a shorter URL (put large values in the JSON body) or fewer headers`,
      { code: 'request_header_fields_too_large' },
    );
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new ApiError(
      408,
      'invalid_request_error',
      `The request did not arrive in time (${detail}); send it again`,
      { code: 'request_timeout' },
    );
  }
  return new ApiError(
    400,
    'invalid_request_error',
    `The request is not valid HTTP/1.1 (${detail}); send a well-formed request`,
    { code: 'bad_request' },
  );
}

/** A whole HTTP/1.1 response with an OpenAI-shaped JSON body, for a socket no response object owns. */
function rawErrorResponse(error: ApiError): string {
  const body = JSON.stringify(error.toJSON());
  return [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? 'Error'}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * The `clientError` listener of a Node HTTP server: where Node itself would answer a request it
 * cannot parse with an empty 400 or 431 (a URL over 16 KiB, broken framing), the client gets the
 * same status with OpenAI's `{"error": {message, type, param, code}}`. A connection that is reset,
 * or whose response has started already, is just closed (as Node does).
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  const current = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || current?.headersSent === true) {
    socket.destroy();
    return;
  }
  socket.end(rawErrorResponse(clientErrorOf(error)));
}
