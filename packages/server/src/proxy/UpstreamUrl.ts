import { InvalidOptionError } from '@tokenscope/core';
import { displayUrl } from '@tokenscope/providers';

/**
 * The upstream's base URL, as an OpenAI client's `baseURL` (`https://api.openai.com/v1`,
 * `http://127.0.0.1:8080/v1`). A bare origin (`http://127.0.0.1:8080`) gets `/v1`. The proxy maps
 * `/v1/<rest>` onto `<base>/<rest>`; the base's own query (Azure's `api-version`) is kept.
 */
export class UpstreamUrl {
  private readonly base: URL;
  /** Origin and path, never a key or a query: safe to print and to record. */
  readonly display: string;

  constructor(text: string) {
    const expected = () =>
      new InvalidOptionError(
        'upstream',
        `expected an http(s) URL such as http://127.0.0.1:8080/v1, got "${displayUrl(text)}"`,
      );
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw expected();
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw expected();
    if (url.username !== '' || url.password !== '') {
      throw new InvalidOptionError(
        'upstream',
        'the URL holds credentials; leave them out and let the client send its key (Authorization header)',
      );
    }
    url.hash = '';
    url.pathname = url.pathname === '/' ? '/v1' : url.pathname.replace(/\/+$/, '');
    this.base = url;
    this.display = `${url.origin}${url.pathname}`;
  }

  /** The upstream URL for the proxy path after `/v1` (`/chat/completions`) and the client's query. */
  resolve(rest: string, search: string): string {
    const target = new URL(this.base.href);
    target.pathname = `${this.base.pathname}${rest}`;
    for (const [key, value] of new URLSearchParams(search)) target.searchParams.append(key, value);
    return target.href;
  }
}
