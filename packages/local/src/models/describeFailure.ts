/** Said after every network failure: what the user can do without a connection. */
export const OFFLINE_HINT = 'This machine may be offline; download the file yourself and pass its path';

/**
 * The innermost useful message of a fetch failure: undici wraps the real cause (`getaddrinfo ENOTFOUND
 * host`, `connect ECONNREFUSED 127.0.0.1:80`, `other side closed`) in `TypeError: fetch failed`.
 */
export function describeNetworkError(error: unknown): string {
  let current: unknown = error;
  let best = '';
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    const message = current.message || (current instanceof AggregateError ? current.errors.join('; ') : '');
    if (message && message !== 'fetch failed') best = message;
    else if (code && !best) best = code;
    if (current.cause === undefined) break;
    current = current.cause;
  }
  return best || String(error);
}

/** What an HTTP error status means for a model download, and what to do about it. */
export function describeHttpStatus(status: number, statusText: string, tokenSent: boolean): string {
  const head = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  if (status === 401 || status === 403) {
    return tokenSent
      ? `${head}: the token in HF_TOKEN was refused or has no access to this repository; check the token and that you accepted the repository's terms`
      : `${head}: the repository may be gated or private; accept its terms on huggingface.co, then set HF_TOKEN to an access token`;
  }
  if (status === 404)
    return `${head}: no such file; check the owner, repository and file name (they are case-sensitive)`;
  if (status === 429 || status >= 500) return `${head}: the server is busy or failing; try again later`;
  return `${head}; check the URL`;
}
