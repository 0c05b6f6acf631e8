import type {
  Completion,
  Distribution,
  FormatId,
  LogprobResponse,
  RunStreamEvent,
  Token,
} from '@tokenscope/core';

export interface ResponseBuilderOptions {
  /** Model name until the stream's `start` event says it. */
  model?: string;
  distribution?: Distribution;
  /** The format label shown until the saved run replaces it (default `openai-chat`). */
  format?: FormatId;
  /** Tokens shown before the streamed ones (a branch keeps its parent's tokens before the position). */
  prefix?: Token[];
}

/**
 * Builds the LogprobResponse of a run while it streams, from the `token` events (`index` counts within
 * the completion shown, prefix included). `snapshot()` returns a new object each time, so views that
 * memoise on identity see the change; take one per animation frame, not per token.
 */
export class ResponseBuilder {
  readonly #tokens: Token[];
  #text: string;
  #topK: number;
  #model: string | undefined;
  #promptText: string | undefined;
  readonly #distribution: Distribution;
  readonly #format: FormatId;
  #dirty = true;
  #last: LogprobResponse | undefined;

  constructor(options: ResponseBuilderOptions = {}) {
    this.#tokens = [...(options.prefix ?? [])];
    this.#text = this.#tokens.map((t) => t.text).join('');
    this.#topK = Math.max(0, ...this.#tokens.map((t) => t.top.length));
    this.#model = options.model;
    this.#distribution = options.distribution ?? 'unknown';
    this.#format = options.format ?? 'openai-chat';
  }

  /** Applies one stream event; true when the response changed. */
  apply(event: RunStreamEvent): boolean {
    if (event.type === 'start') {
      this.#model = event.model;
      if (event.promptText !== undefined) this.#promptText = event.promptText;
      this.#dirty = true;
      return true;
    }
    if (event.type !== 'token') return false;
    const { index, token } = event;
    if (!Number.isInteger(index) || index < 0) return false;
    if (index >= this.#tokens.length) {
      // A gap (a server that counts from elsewhere) still appends: tokens stay in arrival order.
      this.#tokens.push(token);
      this.#text += token.text;
    } else {
      this.#tokens[index] = token;
      this.#text = this.#tokens.map((t) => t.text).join('');
    }
    this.#topK = Math.max(this.#topK, token.top.length);
    this.#dirty = true;
    return true;
  }

  get tokenCount(): number {
    return this.#tokens.length;
  }

  get promptText(): string | undefined {
    return this.#promptText;
  }

  snapshot(): LogprobResponse {
    if (!this.#dirty && this.#last) return this.#last;
    const completion: Completion = {
      index: 0,
      text: this.#text,
      tokens: this.#tokens.slice(),
      distribution: this.#distribution,
      topK: this.#topK,
    };
    this.#last = {
      format: this.#format,
      ...(this.#model !== undefined ? { model: this.#model } : {}),
      completions: [completion],
    };
    this.#dirty = false;
    return this.#last;
  }
}
