import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import type { Distribution, FormatId, LogprobResponse } from '../model/Completion.js';
import type { Token } from '../model/Token.js';
import { buildCompletion } from './buildCompletion.js';
import { isRecord } from './checkShape.js';
import type { ParseOptions } from './FormatParser.js';

/** What one choice (by its `index`) has collected so far. */
export interface ChoiceState {
  index: number;
  tokens: Token[];
  /** Response text as the provider gave it (message content, completion text, deltas joined). */
  text: string;
  hasText: boolean;
  /** Chat refusals: used when the choice has no content tokens. */
  refusalTokens: Token[];
  refusalText: string;
  finishReason: string | null | undefined;
  prompt: Token[] | undefined;
  /** Legacy `echo`: the prompt tokens lead `tokens` (first token_logprob null). */
  echo: boolean;
  /** Tokens the choice's first value carried (the echoed prompt, in a stream). */
  firstValueTokens: number;
}

/**
 * Collects the choices of an OpenAI-shaped response, whole or streamed (chunks accumulate per choice
 * index), and finishes them into a `LogprobResponse`: truncation check, no-logprobs check, echo split.
 */
export class ChoiceCollector {
  id: string | undefined;
  model: string | undefined;
  /** JSON values pushed. */
  values = 0;
  /** The input is a stream of chunks (chunk objects, several values, or a `[DONE]`). */
  stream = false;
  done = false;
  /** `usage.prompt_tokens`, when some value reported it (places the echo boundary). */
  promptTokens: number | undefined;
  /** Prompt tokens shared by every choice (vLLM top-level `prompt_logprobs`, Together `prompt`). */
  sharedPrompt: Token[] | undefined;
  /** The distribution the response declares (`tokenscope serve` sets `tokenscope.distribution`). */
  declaredDistribution: Distribution | undefined;
  private readonly choices = new Map<number, ChoiceState>();

  constructor(
    readonly format: FormatId,
    readonly hint: string,
    readonly options: ParseOptions = {},
  ) {}

  /** Path prefix for the value being read: `[k].` inside a stream, empty for a whole response. */
  prefix(isChunk: boolean): string {
    if (isChunk) this.stream = true;
    return this.stream || this.values > 0 ? `[${this.values}].` : '';
  }

  /** Reads id, model and usage from a response or chunk. */
  meta(value: Record<string, unknown>): void {
    if (typeof value.id === 'string' && value.id !== '') this.id ??= value.id;
    if (typeof value.model === 'string' && value.model !== '') this.model ??= value.model;
    const declared = isRecord(value.tokenscope) ? value.tokenscope.distribution : undefined;
    if (declared === 'raw' || declared === 'processed') this.declaredDistribution ??= declared;
    const usage = value.usage;
    if (isRecord(usage) && typeof usage.prompt_tokens === 'number') this.promptTokens = usage.prompt_tokens;
  }

  choice(index: number): ChoiceState {
    let state = this.choices.get(index);
    if (!state) {
      state = {
        index,
        tokens: [],
        text: '',
        hasText: false,
        refusalTokens: [],
        refusalText: '',
        finishReason: undefined,
        prompt: undefined,
        echo: false,
        firstValueTokens: 0,
      };
      this.choices.set(index, state);
    }
    return state;
  }

  /** Call after each value. */
  next(): void {
    this.values++;
    if (this.values > 1) this.stream = true;
  }

  finish(distribution: Distribution): LogprobResponse {
    if (this.done) this.stream = true;
    const states = [...this.choices.values()].sort((a, b) => a.index - b.index);
    const finished = states.length > 0 && states.every((s) => s.finishReason);
    if (this.stream && !this.done && !finished && !this.options.allowTruncated) {
      throw new TruncatedStreamError(
        `${this.values} chunk${this.values === 1 ? '' : 's'} arrived, but neither a [DONE] marker nor a ` +
          'finish_reason for every choice; pass allowTruncated (--allow-truncated) to analyse what arrived',
      );
    }
    for (const state of states) if (state.echo) this.splitEcho(state);
    const hasLogprobs = (s: ChoiceState) =>
      s.tokens.length > 0 || s.refusalTokens.length > 0 || (s.prompt ?? this.sharedPrompt ?? []).length > 0;
    if (!states.some(hasLogprobs)) throw new NoLogprobsError(this.format, this.hint);
    const response: LogprobResponse = {
      format: this.format,
      completions: states.map((s) => {
        const useRefusal = s.tokens.length === 0 && s.refusalTokens.length > 0;
        const prompt = s.prompt ?? this.sharedPrompt;
        return buildCompletion(useRefusal ? s.refusalTokens : s.tokens, {
          index: s.index,
          distribution: this.declaredDistribution ?? distribution,
          ...(useRefusal ? { responseText: s.refusalText } : s.hasText && { responseText: s.text }),
          ...(s.finishReason && { finishReason: s.finishReason }),
          ...(prompt && { prompt }),
        });
      }),
    };
    if (this.model !== undefined) response.model = this.model;
    if (this.id !== undefined) response.id = this.id;
    return response;
  }

  /**
   * Echo rule: the prompt is the first `usage.prompt_tokens` tokens when the response reports it; else,
   * in a stream, the tokens of the choice's first chunk (servers send the echoed prompt first); else (a
   * whole response without usage) every token is the prompt, as with `max_tokens: 0` scoring requests.
   */
  private splitEcho(state: ChoiceState): void {
    const n = Math.min(
      state.tokens.length,
      this.promptTokens ?? (this.stream ? state.firstValueTokens : state.tokens.length),
    );
    const prompt = state.tokens.slice(0, n);
    state.tokens = state.tokens.slice(n);
    state.prompt = prompt;
    const promptText = prompt.map((t) => t.text).join('');
    if (state.hasText && state.text.startsWith(promptText)) state.text = state.text.slice(promptText.length);
    else state.hasText = false;
  }
}
