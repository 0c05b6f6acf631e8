import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import type { Distribution, LogprobResponse } from '../model/Completion.js';
import type { Token } from '../model/Token.js';
import { buildCompletion } from './buildCompletion.js';
import { isRecord, joinPath } from './checkShape.js';
import { describeValue } from './describeValue.js';
import type { FormatParser, ParseOptions, ResponseAccumulator } from './FormatParser.js';
import { readContentItems } from './openaiTokens.js';

const FORMAT = 'ai-sdk';
const HINT =
  'pass providerOptions: { openai: { logprobs: 5 } } to generateText / streamText ' +
  '(with openai.chat(model) or openai(model))';

/** The `type`s of `streamText(...).fullStream` parts (AI SDK 5 and 6). */
const PART_TYPES = new Set([
  'start',
  'start-step',
  'text-start',
  'text-delta',
  'text-end',
  'reasoning-start',
  'reasoning-delta',
  'reasoning-end',
  'tool-input-start',
  'tool-input-delta',
  'tool-input-end',
  'tool-call',
  'tool-result',
  'tool-error',
  'source',
  'file',
  'raw',
  'error',
  'abort',
  'finish-step',
  'finish',
]);

/** A `generateText` step (`result.steps[i]`) or the result of a step as JSON. */
function isStep(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && 'providerMetadata' in value && ('finishReason' in value || 'content' in value);
}

/** An OpenAI token item `{token, logprob, top_logprobs?}`, as `providerMetadata.openai.logprobs` holds them. */
function isItem(value: unknown): boolean {
  return isRecord(value) && typeof value.token === 'string' && 'logprob' in value;
}

/** `providerMetadata.openai.logprobs`: items (chat), or one list of items per text part (responses). */
function isLogprobList(value: unknown[]): boolean {
  const first = value[0];
  return isItem(first) || (Array.isArray(first) && isItem(first[0]));
}

/** `providerMetadata`: provider name -> its metadata, one of which holds `logprobs` or `responseId`. */
function isProviderMetadata(value: Record<string, unknown>): boolean {
  const entries = Object.values(value);
  return (
    entries.length > 0 &&
    entries.every(isRecord) &&
    entries.some((meta) => Array.isArray(meta.logprobs) || typeof meta.responseId === 'string')
  );
}

/**
 * The Vercel AI SDK (`ai` with `@ai-sdk/openai`): a `generateText` result (its `steps`, live or as
 * JSON), one step, `streamText`'s `fullStream` parts (the logprobs come in the `finish-step` part), a
 * `providerMetadata` object, or `providerMetadata.openai.logprobs` itself (a list of token items from
 * `openai.chat(model)`, a list per text part from `openai(model)`, the Responses API). All text is
 * one completion; steps follow each other.
 */
export const aiSdk: FormatParser = {
  id: FORMAT,
  label: 'Vercel AI SDK',
  detect(value) {
    if (Array.isArray(value)) return isLogprobList(value);
    if (!isRecord(value)) return false;
    if (typeof value.type === 'string') return PART_TYPES.has(value.type) && !('sequence_number' in value);
    if (Array.isArray(value.steps)) return 'totalUsage' in value || isStep(value.steps[0]);
    return isStep(value) || isProviderMetadata(value);
  },
  accumulate(options: ParseOptions = {}): ResponseAccumulator {
    return new AiSdkAccumulator(options);
  },
};

class AiSdkAccumulator implements ResponseAccumulator {
  private readonly tokens: Token[] = [];
  private text = '';
  private hasText = true;
  private values = 0;
  private parts = false;
  private finished = false;
  /** How a stream without its finish part ended: an `error` or `abort` part. */
  private ending: string | undefined;
  private id: string | undefined;
  private model: string | undefined;
  private finishReason: string | undefined;
  private distribution: Distribution = 'unknown';

  constructor(private readonly options: ParseOptions) {}

  push(value: unknown): void {
    const k = this.values++;
    const root = k === 0 ? '' : `[${k}]`;
    if (Array.isArray(value)) {
      this.hasText = false;
      this.readLogprobs(value, root);
    } else if (isRecord(value) && typeof value.type === 'string') {
      this.readPart(value, k);
    } else if (isRecord(value) && Array.isArray(value.steps)) {
      value.steps.forEach((step, i) => {
        this.readStep(step, joinPath(root, ['steps', i]));
      });
    } else if (isStep(value)) {
      this.readStep(value, root);
    } else if (isRecord(value)) {
      this.hasText = false;
      this.readProviderMetadata(value, root);
    }
  }

  done(): void {
    this.finished = true;
  }

  finish(): LogprobResponse {
    if (this.parts && !this.finished && !this.options.allowTruncated) {
      throw new TruncatedStreamError(
        `${this.values} stream parts arrived, ${this.ending ?? 'but no finish part'}; ` +
          'pass allowTruncated (--allow-truncated) to analyse what arrived',
      );
    }
    if (this.tokens.length === 0) throw new NoLogprobsError(FORMAT, HINT);
    const completion = buildCompletion(this.tokens, {
      index: 0,
      distribution: this.distribution,
      ...(this.hasText && { responseText: this.text }),
      ...(this.finishReason && { finishReason: this.finishReason }),
    });
    const response: LogprobResponse = { format: FORMAT, completions: [completion] };
    if (this.model !== undefined) response.model = this.model;
    if (this.id !== undefined) response.id = this.id;
    return response;
  }

  /** One `fullStream` part: text deltas, and the step's logprobs in `finish-step`. */
  private readPart(part: Record<string, unknown>, k: number): void {
    this.parts = true;
    if (part.type === 'text-delta') {
      const delta = typeof part.text === 'string' ? part.text : part.delta;
      if (typeof delta === 'string') this.text += delta;
    } else if (part.type === 'finish-step') {
      this.readMeta(part);
      if (isRecord(part.providerMetadata)) {
        this.readProviderMetadata(part.providerMetadata, `[${k}].providerMetadata`);
      }
    } else if (part.type === 'finish') {
      this.finished = true;
    } else if (part.type === 'error') {
      this.ending = `the last an error part: ${errorMessage(part.error)}`;
    } else if (part.type === 'abort') {
      this.ending = 'the last an abort part';
    }
  }

  /** One step of a result: its text parts, metadata and logprobs. */
  private readStep(step: unknown, path: string): void {
    if (!isRecord(step)) return;
    if (Array.isArray(step.content)) {
      for (const part of step.content) {
        if (isRecord(part) && part.type === 'text' && typeof part.text === 'string') this.text += part.text;
      }
    } else if (typeof step.text === 'string') {
      this.text += step.text;
    }
    this.readMeta(step);
    if (isRecord(step.providerMetadata)) {
      this.readProviderMetadata(step.providerMetadata, joinPath(path, ['providerMetadata']));
    }
  }

  /** Id, model and finish reason of a step or `finish-step` part; `tokenscope serve`'s distribution. */
  private readMeta(value: Record<string, unknown>): void {
    if (typeof value.finishReason === 'string') this.finishReason = value.finishReason;
    const response = value.response;
    if (!isRecord(response)) return;
    if (typeof response.id === 'string') this.id ??= response.id;
    if (typeof response.modelId === 'string') this.model ??= response.modelId;
    const body = response.body;
    const declared = isRecord(body) && isRecord(body.tokenscope) ? body.tokenscope.distribution : undefined;
    if (declared === 'raw' || declared === 'processed') this.distribution = declared;
  }

  /** The first provider's `logprobs` in a `providerMetadata` object (`openai`, `azure`, ...). */
  private readProviderMetadata(metadata: Record<string, unknown>, path: string): void {
    for (const [provider, meta] of Object.entries(metadata)) {
      if (isRecord(meta) && Array.isArray(meta.logprobs)) {
        this.readLogprobs(meta.logprobs, joinPath(path, [provider, 'logprobs']));
        return;
      }
    }
  }

  /** A chat list of token items, or the Responses API's list of lists (one per text part). */
  private readLogprobs(list: unknown[], path: string): void {
    const nested = list.length > 0 && list.every(Array.isArray);
    const lists = nested ? (list as unknown[][]) : [list];
    lists.forEach((items, i) => {
      const tokens = readContentItems(items, nested ? `${path}[${i}]` : path);
      this.tokens.push(...tokens);
      if (this.options.onToken) for (const token of tokens) this.options.onToken(token, 0);
    });
  }
}

/** The message of an `error` part's error (an Error, an API error's JSON, a string). */
function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (isRecord(error) && typeof error.message === 'string') return error.message;
  return typeof error === 'string' ? error : describeValue(error);
}

/** A `streamText` result: its `steps` (and `text`, `providerMetadata`) are Promises, its parts a stream. */
export function isStreamTextResult(value: unknown): value is { steps: PromiseLike<unknown> } {
  return isRecord(value) && 'fullStream' in value && 'steps' in value;
}
