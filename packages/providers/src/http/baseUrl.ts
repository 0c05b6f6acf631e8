import { InvalidOptionError } from '@tokenscope/core';

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * The URL of `path` (`/chat/completions`, query allowed) under a base URL that may carry a query of
 * its own (Azure's `?api-version=...`, a `?key=...`): the path goes before the base's query, which is
 * kept, and the path's query follows it (`http://h/v1?key=K` + `/models?x=1` is
 * `http://h/v1/models?key=K&x=1`). A fragment of the base is dropped; nothing else is normalised.
 */
export function joinUrl(base: string, path: string): string {
  const [basePath, baseQuery] = splitOnce(splitOnce(base, '#')[0], '?');
  const [pathPart, pathQuery] = splitOnce(path, '?');
  const joined =
    basePath.replace(/\/+$/, '') + (pathPart === '' || pathPart.startsWith('/') ? '' : '/') + pathPart;
  const query = [baseQuery, pathQuery].filter((q) => q !== '').join('&');
  return query === '' ? joined : `${joined}?${query}`;
}

/**
 * A URL as messages and reports may show it: scheme, host and path, never a user name, password,
 * query or fragment (any of them may hold a key). Text that is not a URL loses the same parts.
 */
export function displayUrl(url: string): string {
  if (URL.canParse(url)) {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.replace(/(?<=[^/])\/+$/, '');
  }
  return splitOnce(splitOnce(url, '#')[0], '?')[0].replace(/^([^/?#]*\/\/)?[^/?#]*@/, '$1');
}

/**
 * `text` (a message) with the user name, password and query of every URL in it left out, as
 * `displayUrl` shows them: for messages that repeat what a user typed.
 */
export function withoutCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#'"]*@)?([^\s?#'"]*)(\?[^\s#'"]*)?/gi, '$1$3');
}

/**
 * Refuses a base URL with a user name or password (`http://user:key@host/v1`): fetch would refuse it
 * too, repeating the URL with the key in its message. This message never holds them.
 */
export function checkBaseUrl(baseURL: string): void {
  if (!URL.canParse(baseURL)) return; // fetch says what is wrong with it (displayUrl shows it)
  const url = new URL(baseURL);
  if (url.username !== '' || url.password !== '') {
    throw new InvalidOptionError(
      'base URL',
      `${displayUrl(baseURL)} was given with a user name or password (user:key@host); leave them out of the URL and pass the key as the API key (--api-key, $TOKENSCOPE_API_KEY, or the app's API key field)`,
    );
  }
}
