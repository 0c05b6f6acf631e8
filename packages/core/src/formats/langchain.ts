import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import type { LogprobResponse } from '../model/Completion.js';
import type { Token } from '../model/Token.js';
import { buildCompletion } from './buildCompletion.js';
import { isRecord, joinPath } from './checkShape.js';
import type { FormatParser, ParseOptions, ResponseAccumulator } from './FormatParser.js';
import { openaiResponses } from './openaiResponses.js';
import { readContentItems } from './openaiTokens.js';

const FORMAT = 'langchain';
const HINT =
  'create the model with new ChatOpenAI({ logprobs: true, topLogprobs: 5 }) (with useResponsesApi: ' +
  'modelKwargs: { include: ["message.output_text.logprobs"], top_logprobs: 5 })';

/** `JSON.stringify` of a LangChain message: `{lc: 1, type: "constructor", id: [..., "AIMessage"], kwargs}`. */
function isSerialized(value: Record<string, unknown>): boolean {
  const name = Array.isArray(value.id) ? value.id.at(-1) : undefined;
  return (
    value.lc === 1 &&
    value.type === 'constructor' &&
    typeof name === 'string' &&
    name.startsWith('AIMessage') &&
    isRecord(value.kwargs)
  );
}

/** An `AIMessage` / `AIMessageChunk` (the class instance or its fields as a plain object). */
function isMessage(value: Record<string, unknown>): boolean {
  return 'response_metadata' in value && 'content' in value;
}

/** A message's `response_metadata` on its own (LangChain 1 adds `model_provider`). */
function isMetadata(value: Record<string, unknown>): boolean {
  return typeof value.model_provider === 'string' || isRecord(value.tokenUsage);
}

/** `response_metadata.logprobs` on its own: the chat choice's `{content: [items], refusal}`. */
function isLogprobs(value: Record<string, unknown>): boolean {
  if (!Array.isArray(value.content) || !Object.keys(value).every((k) => k === 'content' || k === 'refusal')) {
    return false;
  }
  const first = value.content[0];
  return first === undefined || (isRecord(first) && typeof first.token === 'string' && 'logprob' in first);
}

/**
 * LangChain (`@langchain/openai`'s `ChatOpenAI`): an `AIMessage` from `invoke`, the `AIMessageChunk`s of
 * `stream` (one token's logprobs each) or their `concat`, as class instances or as `JSON.stringify`
 * writes them; also a message's `response_metadata`, or `response_metadata.logprobs` alone. Chat
 * Completions keep the logprobs in `response_metadata.logprobs.content`; with `useResponsesApi`,
 * `response_metadata` is the Response (`output[].content[].logprobs`). One completion.
 */
export const langchain: FormatParser = {
  id: FORMAT,
  label: 'LangChain',
  detect(value) {
    if (!isRecord(value)) return false;
    return isSerialized(value) || isMessage(value) || isMetadata(value) || isLogprobs(value);
  },
  accumulate(options: ParseOptions = {}): ResponseAccumulator {
    return new LangChainAccumulator(options);
  },
};

class LangChainAccumulator implements ResponseAccumulator {
  private readonly tokens: Token[] = [];
  private text = '';
  private hasText = true;
  private values = 0;
  private id: string | undefined;
  private model: string | undefined;
  private finishReason: string | undefined;
  /** Messages of the Responses API (`useResponsesApi`): their `response_metadata` is a Response. */
  private responses: ResponseAccumulator | undefined;

  constructor(private readonly options: ParseOptions) {}

  push(value: unknown): void {
    const k = this.values++;
    if (!isRecord(value)) return;
    let path = k === 0 ? '' : `[${k}]`;
    let message = value;
    if (isSerialized(value)) {
      message = value.kwargs as Record<string, unknown>;
      path = joinPath(path, ['kwargs']);
    }
    let metadata: Record<string, unknown> = message;
    if (isMessage(message)) {
      this.readText(message.content);
      if (typeof message.id === 'string' && message.id !== '') this.id ??= message.id;
      if (!isRecord(message.response_metadata)) return;
      metadata = message.response_metadata;
      path = joinPath(path, ['response_metadata']);
    } else {
      this.hasText = false;
    }
    if (Array.isArray(metadata.output)) {
      this.responses ??= openaiResponses.accumulate(this.options);
      this.responses.push(metadata);
      return;
    }
    const model = metadata.model_name ?? metadata.model;
    if (typeof model === 'string' && model !== '') this.model ??= model;
    if (typeof metadata.finish_reason === 'string') this.finishReason = metadata.finish_reason;
    const logprobs = isLogprobs(metadata) ? metadata : metadata.logprobs;
    if (isRecord(logprobs) && Array.isArray(logprobs.content)) {
      const at = joinPath(path, logprobs === metadata ? ['content'] : ['logprobs', 'content']);
      const tokens = readContentItems(logprobs.content, at);
      this.tokens.push(...tokens);
      if (this.options.onToken) for (const token of tokens) this.options.onToken(token, 0);
    }
  }

  done(): void {}

  finish(): LogprobResponse {
    if (this.responses) return this.finishResponses(this.responses);
    if (this.values > 1 && this.finishReason === undefined && !this.options.allowTruncated) {
      throw new TruncatedStreamError(
        `${this.values} message chunks arrived, but none with a finish_reason; ` +
          'pass allowTruncated (--allow-truncated) to analyse what arrived',
      );
    }
    if (this.tokens.length === 0) throw new NoLogprobsError(FORMAT, HINT);
    const completion = buildCompletion(this.tokens, {
      index: 0,
      distribution: 'unknown',
      ...(this.hasText && { responseText: this.text }),
      ...(this.finishReason && { finishReason: this.finishReason }),
    });
    const response: LogprobResponse = { format: FORMAT, completions: [completion] };
    if (this.model !== undefined) response.model = this.model;
    if (this.id !== undefined) response.id = this.id;
    return response;
  }

  private finishResponses(responses: ResponseAccumulator): LogprobResponse {
    try {
      return { ...responses.finish(), format: FORMAT };
    } catch (error) {
      if (error instanceof NoLogprobsError) throw new NoLogprobsError(FORMAT, HINT);
      throw error;
    }
  }

  /** A message's `content`: a string, or content blocks whose `text` parts hold the answer. */
  private readText(content: unknown): void {
    if (typeof content === 'string') this.text += content;
    else if (Array.isArray(content)) {
      for (const block of content) {
        if (isRecord(block) && block.type === 'text' && typeof block.text === 'string')
          this.text += block.text;
      }
    } else this.hasText = false;
  }
}
