import * as v from 'valibot';
import { NestingTooDeepError } from '../errors/NestingTooDeepError.js';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import type { Completion, LogprobResponse } from '../model/Completion.js';
import type { Token } from '../model/Token.js';
import { buildCompletion } from './buildCompletion.js';
import { buildToken, type RawAlternative } from './buildToken.js';
import { checkShape, isRecord } from './checkShape.js';
import type { FormatParser, ParseOptions, ResponseAccumulator } from './FormatParser.js';
import { MAX_JSON_DEPTH } from './nestingDepth.js';
import { rethrowAtPath } from './rethrowAtPath.js';
import { int, object } from './schemas.js';

const FORMAT = 'Gemini';
const HINT =
  'set "generationConfig": {"responseLogprobs": true, "logprobs": 5} in the generateContent request (not every model supports it)';

/** proto3 leaves out fields at their default: a missing `logProbability` is 0, a missing `token` is "". */
const candidateSchema = object({
  token: v.optional(v.string()),
  tokenId: v.optional(int()),
});
const logprobsResultSchema = object({
  chosenCandidates: v.optional(v.array(candidateSchema)),
  topCandidates: v.optional(v.array(object({ candidates: v.optional(v.array(candidateSchema)) }))),
});
const responseSchema = object({
  candidates: v.optional(
    v.array(
      object({
        index: v.optional(int()),
        content: v.optional(
          object({
            parts: v.optional(
              v.array(object({ text: v.optional(v.string()), thought: v.optional(v.boolean()) })),
            ),
          }),
        ),
        finishReason: v.optional(v.string()),
        logprobsResult: v.optional(logprobsResultSchema),
      }),
    ),
  ),
  modelVersion: v.optional(v.string()),
  responseId: v.optional(v.string()),
  promptFeedback: v.optional(object({ blockReason: v.optional(v.string()) })),
});

interface State {
  tokens: Token[];
  text: string;
  sawLogprobs: boolean;
  finishReason: string | undefined;
}

/**
 * Google Gemini / Vertex AI `generateContent` (and each `streamGenerateContent` chunk):
 * `candidates[i].logprobsResult = {chosenCandidates, topCandidates}`, text in `content.parts[].text`.
 * The chosen token may be missing from its top candidates; it is not added. snake_case keys (as the
 * Python SDK dumps them) are read too. The distribution is not documented: `unknown`.
 */
export const gemini: FormatParser = {
  id: 'gemini',
  label: 'Google Gemini generateContent',
  detect(value) {
    if (!isRecord(value) || 'choices' in value || 'object' in value) return false;
    const candidates = value.candidates;
    if (!Array.isArray(candidates)) return 'promptFeedback' in value && 'usageMetadata' in value;
    const first: unknown = candidates[0];
    if (!isRecord(first))
      return candidates.length === 0 && ('usageMetadata' in value || 'modelVersion' in value);
    return [
      'content',
      'logprobsResult',
      'logprobs_result',
      'finishReason',
      'finish_reason',
      'avgLogprobs',
    ].some((k) => k in first);
  },
  accumulate(options: ParseOptions = {}): ResponseAccumulator {
    const states = new Map<number, State>();
    let model: string | undefined;
    let id: string | undefined;
    let blockReason: string | undefined;
    let pushes = 0;

    return {
      push(value) {
        const root = pushes === 0 ? '' : `(chunk ${pushes + 1}) `;
        pushes++;
        const r = checkShape(responseSchema, camelizeKeys(value), root);
        if (r.modelVersion !== undefined) model = r.modelVersion;
        if (r.responseId !== undefined) id = r.responseId;
        if (r.promptFeedback?.blockReason) blockReason = r.promptFeedback.blockReason;
        (r.candidates ?? []).forEach((c, i) => {
          const index = c.index ?? i;
          const state = states.get(index) ?? {
            tokens: [],
            text: '',
            sawLogprobs: false,
            finishReason: undefined,
          };
          states.set(index, state);
          for (const part of c.content?.parts ?? []) if (!part.thought) state.text += part.text ?? '';
          if (c.finishReason) state.finishReason = c.finishReason;
          const result = c.logprobsResult;
          if (!result?.chosenCandidates) return;
          state.sawLogprobs = true;
          const at = `${root}candidates[${i}].logprobsResult`;
          const before = state.tokens.length;
          result.chosenCandidates.forEach((chosen, j) => {
            const top = result.topCandidates?.[j]?.candidates ?? [];
            state.tokens.push(
              rethrowAtPath(
                () =>
                  buildToken(
                    { ...alternative(chosen), top: top.map(alternative) },
                    `${at}.chosenCandidates[${j}]`,
                  ),
                (p) =>
                  p
                    .replace(
                      /\.chosenCandidates\[(\d+)\]\.top_logprobs\[(\d+)\]/,
                      '.topCandidates[$1].candidates[$2]',
                    )
                    .replace(/\.chosenCandidates\[(\d+)\]\.top_logprobs$/, '.topCandidates[$1].candidates')
                    .replace(/\.logprob$/, '.logProbability'),
              ),
            );
          });
          for (const token of state.tokens.slice(before)) options.onToken?.(token, index);
        });
      },
      done() {},
      finish(): LogprobResponse {
        if (states.size === 0) {
          const why = blockReason
            ? `the prompt was blocked (${blockReason})`
            : 'the response has no candidates';
          throw new NoLogprobsError(FORMAT, `${why}; ${HINT}`);
        }
        const ordered = [...states].sort((a, b) => a[0] - b[0]);
        if (pushes > 1 && ordered.every(([, s]) => s.finishReason === undefined) && !options.allowTruncated) {
          throw new TruncatedStreamError(
            'no Gemini chunk has a finishReason (pass allowTruncated to analyse what arrived)',
          );
        }
        const completions: Completion[] = [];
        for (const [index, s] of ordered) {
          if (!s.sawLogprobs && (s.text !== '' || ordered.length === 1))
            throw new NoLogprobsError(FORMAT, HINT);
          completions.push(
            buildCompletion(s.tokens, {
              index,
              distribution: 'unknown',
              responseText: s.text,
              finishReason: s.finishReason ?? null,
            }),
          );
        }
        return {
          format: 'gemini',
          ...(model === undefined ? {} : { model }),
          ...(id === undefined ? {} : { id }),
          completions,
        };
      },
    };
  },
};

function alternative(c: v.InferOutput<typeof candidateSchema>): RawAlternative {
  const raw: RawAlternative = { text: c.token ?? '', value: c.logProbability ?? 0 };
  if (c.tokenId !== undefined) raw.id = c.tokenId;
  return raw;
}

/**
 * Turns `logprobs_result` into `logprobsResult` at every level (the Python SDK's dump uses snake_case).
 * A value nested deeper than `MAX_JSON_DEPTH` is a `NestingTooDeepError` (the walk recurses per level).
 */
function camelizeKeys(value: unknown, depth = 0): unknown {
  if (!Array.isArray(value) && !isRecord(value)) return value;
  if (depth >= MAX_JSON_DEPTH) throw new NestingTooDeepError(MAX_JSON_DEPTH);
  if (Array.isArray(value)) return value.map((v) => camelizeKeys(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = camelizeKeys(v, depth + 1);
  }
  return out;
}
