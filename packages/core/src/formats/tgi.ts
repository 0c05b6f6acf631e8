import * as v from 'valibot';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import type { Completion, LogprobResponse } from '../model/Completion.js';
import type { Token } from '../model/Token.js';
import { buildCompletion } from './buildCompletion.js';
import { buildToken, type RawAlternative } from './buildToken.js';
import { checkShape, isRecord } from './checkShape.js';
import type { FormatParser, ParseOptions, ResponseAccumulator } from './FormatParser.js';
import { rethrowAtPath } from './rethrowAtPath.js';
import { int, object } from './schemas.js';

const FORMAT = 'TGI';
const HINT =
  'add "details": true and "top_n_tokens": 5 to the request\'s "parameters" ("decoder_input_details": true adds the prompt)';

const tokenSchema = object({
  id: v.optional(int()),
  text: v.string(),
  special: v.optional(v.boolean()),
});
const sequenceEntries = {
  generated_text: v.nullish(v.string()),
  finish_reason: v.nullish(v.string()),
  prefill: v.nullish(v.array(tokenSchema)),
  tokens: v.array(tokenSchema),
  top_tokens: v.nullish(v.array(v.array(tokenSchema))),
};
const sequenceSchema = object(sequenceEntries);
const wholeSchema = object({
  generated_text: v.string(),
  details: v.nullish(
    object({
      ...sequenceEntries,
      best_of_sequences: v.nullish(v.array(object({ ...sequenceEntries, generated_text: v.string() }))),
    }),
  ),
});
const eventSchema = object({
  token: tokenSchema,
  top_tokens: v.nullish(v.array(tokenSchema)),
  generated_text: v.nullish(v.string()),
  details: v.nullish(object({ finish_reason: v.nullish(v.string()) })),
});

/**
 * Hugging Face text-generation-inference: `/generate` (`details.tokens`, `details.top_tokens`,
 * `details.prefill` as the prompt; also an array of such responses) and `/generate_stream` events
 * (`{token, top_tokens, generated_text, details}`, the last with `generated_text` set). Values are
 * after the warpers (temperature, top-k/p): distribution `processed`.
 */
export const tgi: FormatParser = {
  id: 'tgi',
  label: 'Hugging Face TGI /generate',
  detect(value) {
    if (Array.isArray(value)) return value.length > 0 && value.every(isTgiObject);
    return isTgiObject(value);
  },
  accumulate(options: ParseOptions = {}): ResponseAccumulator {
    const completions: Completion[] = [];
    const stream: Token[] = [];
    let events = 0;
    let streamText: string | null = null;
    let streamFinish: string | undefined;
    let missingLogprob = false;

    const addEvent = (value: unknown): void => {
      const root = `(event ${events + 1}) `;
      events++;
      const e = checkShape(eventSchema, value, root);
      if (!('logprob' in e.token)) missingLogprob = true;
      stream.push(
        rethrowAtPath(
          () => buildToken({ ...raw(e.token), top: (e.top_tokens ?? []).map(raw) }, `${root}token`),
          (p) => p.replace(/token\.top_logprobs(?=\[|$)/, 'top_tokens'),
        ),
      );
      options.onToken?.(stream[stream.length - 1]!, 0);
      if (e.generated_text !== null && e.generated_text !== undefined) streamText = e.generated_text;
      if (e.details?.finish_reason) streamFinish = e.details.finish_reason;
    };

    const addWhole = (value: unknown, root: string): void => {
      const r = checkShape(wholeSchema, value, root);
      if (!r.details) throw new NoLogprobsError(FORMAT, HINT);
      const at = `${root}${root === '' ? '' : '.'}details`;
      completions.push(sequence(r.details, r.generated_text, at, completions.length));
      (r.details.best_of_sequences ?? []).forEach((s, i) => {
        completions.push(sequence(s, s.generated_text, `${at}.best_of_sequences[${i}]`, completions.length));
      });
    };

    return {
      push(value) {
        if (isRecord(value) && 'token' in value) addEvent(value);
        else if (Array.isArray(value)) {
          value.forEach((v, i) => {
            addWhole(v, `[${i}]`);
          });
        } else addWhole(value, '');
      },
      done() {},
      finish(): LogprobResponse {
        if (events > 0) {
          if (streamText === null && !options.allowTruncated) {
            throw new TruncatedStreamError(
              'no TGI event has "generated_text" set (pass allowTruncated to analyse what arrived)',
            );
          }
          if (missingLogprob) throw new NoLogprobsError(FORMAT, HINT);
          completions.push(
            buildCompletion(stream, {
              index: completions.length,
              distribution: 'processed',
              ...(streamText === null ? {} : { responseText: streamText }),
              finishReason: streamFinish ?? null,
            }),
          );
        }
        if (completions.length === 0)
          throw new NoLogprobsError(FORMAT, `the input held no response; ${HINT}`);
        return { format: 'tgi', completions };
      },
    };
  },
};

function isTgiObject(value: unknown): boolean {
  if (!isRecord(value) || 'choices' in value || 'object' in value) return false;
  if (!('generated_text' in value)) return false;
  return typeof value.generated_text === 'string' || (value.generated_text === null && isRecord(value.token));
}

function raw(t: v.InferOutput<typeof tokenSchema>): RawAlternative & { special?: boolean } {
  const r: RawAlternative & { special?: boolean } = { text: t.text, value: t.logprob };
  if (t.id !== undefined) r.id = t.id;
  if (t.special !== undefined) r.special = t.special;
  return r;
}

function sequence(
  s: v.InferOutput<typeof sequenceSchema>,
  text: string,
  at: string,
  index: number,
): Completion {
  const tokens = s.tokens.map((t, i) =>
    rethrowAtPath(
      () => buildToken({ ...raw(t), top: (s.top_tokens?.[i] ?? []).map(raw) }, `${at}.tokens[${i}]`),
      (p) =>
        p
          .replace(/\.tokens\[(\d+)\]\.top_logprobs\[(\d+)\]/, '.top_tokens[$1][$2]')
          .replace(/\.tokens\[(\d+)\]\.top_logprobs$/, '.top_tokens[$1]'),
    ),
  );
  const prompt = (s.prefill ?? []).map((t, i) => {
    // The first prompt token has no logprob: TGI sends null (NaN in some versions).
    const first = i === 0 && (t.logprob === null || Number.isNaN(t.logprob) || t.logprob === 'NaN');
    return buildToken({ ...raw(t), value: first ? null : t.logprob }, `${at}.prefill[${i}]`);
  });
  return buildCompletion(tokens, {
    index,
    distribution: 'processed',
    responseText: text,
    finishReason: s.finish_reason ?? null,
    ...(prompt.length > 0 ? { prompt } : {}),
  });
}
