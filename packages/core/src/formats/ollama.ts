import * as v from 'valibot';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import type { LogprobResponse } from '../model/Completion.js';
import type { Token } from '../model/Token.js';
import { buildCompletion } from './buildCompletion.js';
import { buildToken } from './buildToken.js';
import { checkShape, isRecord } from './checkShape.js';
import type { FormatParser, ParseOptions, ResponseAccumulator } from './FormatParser.js';
import { object } from './schemas.js';

const FORMAT = 'Ollama';
const HINT =
  'add "logprobs": true, "top_logprobs": 5 to the /api/generate or /api/chat request (Ollama >= 0.12.11)';

const alternativeEntries = {
  token: v.string(),
};
const alternativeSchema = object(alternativeEntries);
const logprobSchema = object({ ...alternativeEntries, top_logprobs: v.nullish(v.array(alternativeSchema)) });
const chunkSchema = object({
  model: v.optional(v.string()),
  response: v.optional(v.string()),
  message: v.optional(object({ content: v.nullish(v.string()) })),
  done: v.optional(v.boolean()),
  done_reason: v.nullish(v.string()),
  logprobs: v.nullish(v.array(logprobSchema)),
});

/**
 * Ollama's native `/api/generate` and `/api/chat` (>= 0.12.11): top-level `logprobs`, text in
 * `response` or `message.content`; streamed as JSON lines, the last with `done: true`. The values are
 * raw (before temperature). A character split across tokens arrives as U+FFFD without bytes: the
 * response text repairs it.
 */
export const ollama: FormatParser = {
  id: 'ollama',
  label: 'Ollama /api/generate, /api/chat',
  detect(value) {
    if (!isRecord(value) || 'choices' in value || 'object' in value) return false;
    const hasText = typeof value.response === 'string' || isRecord(value.message);
    return hasText && typeof value.done === 'boolean' && ('created_at' in value || 'logprobs' in value);
  },
  accumulate(options: ParseOptions = {}): ResponseAccumulator {
    const tokens: Token[] = [];
    let text = '';
    let model: string | undefined;
    let finishReason: string | undefined;
    let pushes = 0;
    let sawLogprobs = false;
    let lastDone: boolean | undefined;

    return {
      push(value) {
        const root = pushes === 0 ? '' : `(chunk ${pushes + 1}) `;
        pushes++;
        const chunk = checkShape(chunkSchema, value, root);
        if (chunk.model !== undefined) model = chunk.model;
        text += chunk.response ?? chunk.message?.content ?? '';
        lastDone = chunk.done;
        if (chunk.done_reason) finishReason = chunk.done_reason;
        if (!chunk.logprobs) return;
        sawLogprobs = true;
        const at = `${root}logprobs`;
        const before = tokens.length;
        chunk.logprobs.forEach((lp, i) => {
          tokens.push(
            buildToken(
              {
                text: lp.token,
                value: lp.logprob,
                bytes: lp.bytes,
                top: (lp.top_logprobs ?? []).map((a) => ({
                  text: a.token,
                  value: a.logprob,
                  bytes: a.bytes,
                })),
              },
              `${at}[${i}]`,
            ),
          );
        });
        for (const token of tokens.slice(before)) options.onToken?.(token, 0);
      },
      done() {
        lastDone = true;
      },
      finish(): LogprobResponse {
        if (pushes === 0) throw new NoLogprobsError(FORMAT, `the input held no response; ${HINT}`);
        if (lastDone === false && !options.allowTruncated) {
          throw new TruncatedStreamError(
            'the last Ollama line has "done": false (pass allowTruncated to analyse what arrived)',
          );
        }
        if (!sawLogprobs) throw new NoLogprobsError(FORMAT, HINT);
        const completion = buildCompletion(tokens, {
          index: 0,
          distribution: 'raw',
          responseText: text,
          finishReason: finishReason ?? null,
        });
        return { format: 'ollama', ...(model === undefined ? {} : { model }), completions: [completion] };
      },
    };
  },
};
