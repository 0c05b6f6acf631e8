import * as v from 'valibot';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import type { LogprobResponse } from '../model/Completion.js';
import type { Token } from '../model/Token.js';
import { buildCompletion } from './buildCompletion.js';
import { checkShape, isRecord } from './checkShape.js';
import type { FormatParser, ParseOptions, ResponseAccumulator } from './FormatParser.js';
import { readContentItems } from './openaiTokens.js';
import { int, object } from './schemas.js';

const FORMAT = 'openai-responses';
const HINT = 'request "include": ["message.output_text.logprobs"], "top_logprobs": 5';
/** Events that end a Responses stream. */
const END_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

const responseSchema = object({
  id: v.optional(v.string()),
  model: v.optional(v.string()),
  status: v.nullish(v.string()),
  incomplete_details: v.nullish(object({ reason: v.nullish(v.string()) })),
  output: v.nullish(
    v.array(
      object({
        type: v.optional(v.string()),
        content: v.nullish(v.array(object({ type: v.string() }))),
      }),
    ),
  ),
});
const eventSchema = object({
  type: v.optional(v.string()),
  output_index: v.optional(int()),
  content_index: v.optional(int()),
  delta: v.optional(v.string()),
  text: v.optional(v.string()),
  logprobs: v.nullish(v.array(v.unknown())),
});

interface Part {
  order: [number, number];
  text: string;
  tokens: Token[];
}

/**
 * OpenAI Responses API: whole Response objects (`output[].content[type=output_text].logprobs`) and stream
 * events (`response.output_text.delta` with `logprobs` but no `bytes`, `.done`, `response.completed` as
 * the end marker), typed by their `type` field or SSE `event:` name. All output text is one completion.
 */
export const openaiResponses: FormatParser = {
  id: FORMAT,
  label: 'OpenAI Responses',
  detect(value, event) {
    if (!isRecord(value)) return false;
    if (value.object === 'response') return true;
    const type = typeof value.type === 'string' ? value.type : event;
    return type?.startsWith('response.') === true;
  },
  accumulate(options: ParseOptions = {}): ResponseAccumulator {
    return new ResponsesAccumulator(options);
  },
};

class ResponsesAccumulator implements ResponseAccumulator {
  private readonly parts = new Map<string, Part>();
  private stream = false;
  private complete = false;
  private values = 0;
  private id: string | undefined;
  private model: string | undefined;
  private finishReason: string | undefined;

  constructor(private readonly options: ParseOptions) {}

  push(value: unknown, event?: string): void {
    const k = this.values++;
    const type = isRecord(value) && typeof value.type === 'string' ? value.type : event;
    if (type === undefined) {
      this.readResponse(value, k === 0 ? '' : `[${k}]`, true);
      return;
    }
    this.stream = true;
    const e = checkShape(eventSchema, value, `[${k}]`);
    const part = () => this.part(e.output_index ?? 0, e.content_index ?? 0);
    if (type === 'response.output_text.delta') {
      const p = part();
      p.text += e.delta ?? '';
      if (e.logprobs) this.add(p, readContentItems(e.logprobs, `[${k}].logprobs`));
    } else if (type === 'response.output_text.done') {
      const p = part();
      if (p.text === '' && e.text !== undefined) p.text = e.text;
      if (p.tokens.length === 0 && e.logprobs) this.add(p, readContentItems(e.logprobs, `[${k}].logprobs`));
    } else if (isRecord(value) && isRecord(value.response)) {
      const hasTokens = [...this.parts.values()].some((p) => p.tokens.length > 0);
      this.readResponse(value.response, `[${k}].response`, !hasTokens && END_EVENTS.has(type));
      if (END_EVENTS.has(type)) this.complete = true;
    }
  }

  done(): void {
    this.complete = true;
  }

  finish(): LogprobResponse {
    if (this.stream && !this.complete && !this.options.allowTruncated) {
      throw new TruncatedStreamError(
        `${this.values} events arrived, but no response.completed event; ` +
          'pass allowTruncated (--allow-truncated) to analyse what arrived',
      );
    }
    const parts = [...this.parts.values()].sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1]);
    const tokens = parts.flatMap((p) => p.tokens);
    if (tokens.length === 0) throw new NoLogprobsError(FORMAT, HINT);
    const completion = buildCompletion(tokens, {
      index: 0,
      distribution: 'unknown',
      responseText: parts.map((p) => p.text).join(''),
      ...(this.finishReason && { finishReason: this.finishReason }),
    });
    const response: LogprobResponse = { format: FORMAT, completions: [completion] };
    if (this.model !== undefined) response.model = this.model;
    if (this.id !== undefined) response.id = this.id;
    return response;
  }

  /** Adds tokens to a part and passes them to `onToken` (the response is one completion, index 0). */
  private add(part: Part, tokens: Token[]): void {
    part.tokens.push(...tokens);
    if (this.options.onToken) for (const token of tokens) this.options.onToken(token, 0);
  }

  private part(output: number, content: number): Part {
    const key = `${output}:${content}`;
    let part = this.parts.get(key);
    if (!part) {
      part = { order: [output, content], text: '', tokens: [] };
      this.parts.set(key, part);
    }
    return part;
  }

  /** Reads a Response object: meta always, its output text and tokens when `withOutput`. */
  private readResponse(value: unknown, path: string, withOutput: boolean): void {
    const r = checkShape(responseSchema, value, path);
    this.id ??= r.id;
    this.model ??= r.model;
    if (r.status === 'completed') this.finishReason = 'stop';
    else if (r.status && r.status !== 'in_progress' && r.status !== 'queued') {
      this.finishReason = r.incomplete_details?.reason ?? r.status;
    }
    if (!withOutput) return;
    const at = path === '' ? '' : `${path}.`;
    (r.output ?? []).forEach((item, o) => {
      (item.content ?? []).forEach((content, c) => {
        if (content.type !== 'output_text') return;
        const part = this.part(o, c);
        part.text = typeof content.text === 'string' ? content.text : '';
        part.tokens = [];
        if (Array.isArray(content.logprobs)) {
          this.add(part, readContentItems(content.logprobs, `${at}output[${o}].content[${c}].logprobs`));
        }
      });
    });
  }
}
