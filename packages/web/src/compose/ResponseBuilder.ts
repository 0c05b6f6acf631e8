import {
  type Completion,
  type Distribution,
  type FormatId,
  type LogprobResponse,
  mergeSplitCharacters,
  type RunStreamEvent,
  type Token,
} from '@tokenscope/core';

/**
 * Tokens this far from the end may still change when the next token arrives (a UTF-8 character is at
 * most 4 bytes, each token brings at least one); earlier ones are merged for good.
 */
const OPEN_TAIL = 8;

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
 * the completion shown, prefix included). UTF-8 characters split across tokens are merged as they
 * complete (core's `mergeSplitCharacters`, as the saved run has them), incrementally: a snapshot
 * re-merges only the last few tokens and the new ones. `snapshot()` returns a new object each time,
 * so views that memoise on identity see the change; take one per animation frame, not per token.
 */
export class ResponseBuilder {
  readonly #tokens: Token[];
  /** `#tokens` with split characters merged; `[0, #stable)` will not change any more. */
  #merged: Token[] = [];
  #stable = 0;
  /** The text of `#merged[0, #stable)`. */
  #stableText = '';
  #topK: number;
  #model: string | undefined;
  #promptText: string | undefined;
  readonly #distribution: Distribution;
  readonly #format: FormatId;
  #dirty = true;
  #last: LogprobResponse | undefined;

  constructor(options: ResponseBuilderOptions = {}) {
    this.#tokens = [...(options.prefix ?? [])];
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
    } else {
      this.#tokens[index] = token;
      this.#stable = 0; // rare (a server sending a token again): merge everything again
      this.#stableText = '';
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
    const tokens = this.#mergeTail();
    const completion: Completion = {
      index: 0,
      text: this.#stableText + tokens.slice(this.#stable).reduce((text, t) => text + t.text, ''),
      tokens,
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

  /** Merges the tokens from `#stable` on and moves `#stable` to where the merge can no longer change. */
  #mergeTail(): Token[] {
    const start = this.#stable;
    const tail = mergeSplitCharacters(this.#tokens.slice(start)).map((t) =>
      t.utf8Group === undefined
        ? t
        : { ...t, utf8Group: [t.utf8Group[0] + start, t.utf8Group[1] + start] as [number, number] },
    );
    const merged = this.#merged.slice(0, start).concat(tail);
    let stable = Math.max(start, merged.length - OPEN_TAIL);
    // Never between the tokens of one character.
    while (stable > start && (merged[stable]?.utf8Group?.[0] ?? stable) < stable) {
      stable = merged[stable]!.utf8Group![0];
    }
    for (let i = start; i < stable; i++) this.#stableText += merged[i]!.text;
    this.#merged = merged;
    this.#stable = stable;
    return merged.slice();
  }
}
