/** Headers that describe one connection, not the message (RFC 9110 §7.6.1): never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Request headers left out on the way up: hop-by-hop ones, those named by `Connection`, `Host` (the
 * upstream's own), `Content-Length` (the body may change), `Accept-Encoding` (fetch negotiates and
 * decodes compression itself, so the proxy can read the body) and `Origin` (the proxy already
 * decided whether that page may call it, `--cors`; its call upstream is server to server, which a
 * `tokenscope serve` upstream would otherwise refuse as a foreign page).
 */
const REQUEST_DROPPED = new Set(['host', 'content-length', 'accept-encoding', 'expect', 'origin']);

/**
 * Response headers left out on the way down: hop-by-hop ones, and `Content-Length` /
 * `Content-Encoding` (fetch has decoded the body, and the proxy may rewrite it).
 */
const RESPONSE_DROPPED = new Set(['content-length', 'content-encoding']);

function copy(headers: Headers, dropped: ReadonlySet<string>): Headers {
  const named = new Set(
    (headers.get('connection') ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => h !== ''),
  );
  const out = new Headers();
  for (const [name, value] of headers) {
    if (HOP_BY_HOP.has(name) || named.has(name) || dropped.has(name)) continue;
    out.append(name, value);
  }
  return out;
}

/** The client's headers as the upstream gets them (`Authorization` included: it is the client's key). */
export function forwardRequestHeaders(headers: Headers): Headers {
  return copy(headers, REQUEST_DROPPED);
}

/** The upstream's headers as the client gets them. */
export function forwardResponseHeaders(headers: Headers): Headers {
  const out = copy(headers, RESPONSE_DROPPED);
  // Set-Cookie must stay separate values (Headers joins other repeated headers with ", ").
  out.delete('set-cookie');
  for (const cookie of headers.getSetCookie()) out.append('set-cookie', cookie);
  return out;
}
