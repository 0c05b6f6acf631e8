import * as v from 'valibot';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import type { Completion, Distribution, LogprobResponse } from '../model/Completion.js';
import type { Token } from '../model/Token.js';
import { parseEscapedBytes } from '../text/utf8.js';
import { buildCompletion } from './buildCompletion.js';
import { buildToken, type RawAlternative } from './buildToken.js';
import { checkShape, isRecord } from './checkShape.js';
import type { FormatParser, ParseOptions, ResponseAccumulator } from './FormatParser.js';
import { rethrowAtPath } from './rethrowAtPath.js';
import { int, object } from './schemas.js';

const FORMAT = 'llama.cpp /completion';
const HINT =
  'add "n_probs": 5 to the /completion request (with "post_sampling_probs": true for the probabilities after sampling)';

const alternativeEntries = {
  token: v.optional(v.string()),
  id: v.optional(int()),
};
const alternativeSchema = object(alternativeEntries);
const entrySchema = object({
  ...alternativeEntries,
  top_logprobs: v.optional(v.array(alternativeSchema)),
  top_probs: v.optional(v.array(alternativeSchema)),
});
/** Before late 2024 llama.cpp sent `{content, probs: [{tok_str, prob}]}` per token. */
const legacyEntrySchema = object({ content: v.string(), probs: v.array(object({ tok_str: v.string() })) });
const responseSchema = object({
  content: v.optional(v.string()),
  completion_probabilities: v.optional(v.array(v.unknown())),
  stop: v.optional(v.boolean()),
  stop_type: v.optional(v.string()),
  model: v.optional(v.string()),
  index: v.optional(int()),
});

type Entry = v.InferOutput<typeof entrySchema>;
type Alternative = v.InferOutput<typeof alternativeSchema>;
type LegacyEntry = v.InferOutput<typeof legacyEntrySchema>;

interface State {
  tokens: Token[];
  text: string;
  sawProbs: boolean;
  lastStop: boolean | undefined;
  finishReason: string | undefined;
  kinds: Set<Distribution>;
}

/**
 * llama.cpp server's native `/completion` response, whole or streamed (SSE chunks, the last with
 * `"stop": true`), also an array of them for several prompts. Values are logprobs of the raw softmax
 * (`raw`), or with `post_sampling_probs` probabilities after the samplers (`processed`). The older
 * `{content, probs: [{tok_str, prob}]}` entries are read too (distribution `unknown`).
 */
export const llamacppCompletion: FormatParser = {
  id: 'llamacpp-completion',
  label: 'llama.cpp server /completion',
  detect(value) {
    if (Array.isArray(value)) return value.length > 0 && value.every(isLlamacppObject);
    return isLlamacppObject(value);
  },
  accumulate(options: ParseOptions = {}): ResponseAccumulator {
    const states = new Map<number, State>();
    let model: string | undefined;
    let pushes = 0;
    let sawDone = false;

    const add = (value: unknown, root: string, fallbackIndex: number): void => {
      const v = checkShape(responseSchema, value, root);
      const index = v.index ?? fallbackIndex;
      const state = states.get(index) ?? newState();
      states.set(index, state);
      if (v.model !== undefined) model = v.model;
      state.text += v.content ?? '';
      state.lastStop = v.stop;
      state.finishReason = finishReasonOf(v) ?? state.finishReason;
      const entries = v.completion_probabilities ?? (isRecord(value) ? value.probs : undefined);
      if (!Array.isArray(entries)) return;
      state.sawProbs = true;
      const key = v.completion_probabilities ? 'completion_probabilities' : 'probs';
      const tokens = entries.map((e, i) =>
        readEntry(e, `${root === '' ? '' : `${root}.`}${key}[${i}]`, state),
      );
      if (v.stop === true && pushes > 1 && repeatsAll(tokens, state.tokens)) state.tokens = tokens;
      else state.tokens.push(...tokens);
    };

    return {
      push(value) {
        pushes++;
        if (Array.isArray(value)) {
          value.forEach((item, i) => {
            add(item, `[${i}]`, i);
          });
        } else add(value, '', 0);
      },
      done() {
        sawDone = true;
      },
      finish(): LogprobResponse {
        if (states.size === 0) throw new NoLogprobsError(FORMAT, `the input held no response; ${HINT}`);
        const completions: Completion[] = [];
        for (const [index, state] of [...states].sort((a, b) => a[0] - b[0])) {
          if (state.lastStop === false && !sawDone && !options.allowTruncated) {
            throw new TruncatedStreamError(
              `the last llama.cpp chunk has "stop": false (pass allowTruncated to analyse what arrived)`,
            );
          }
          if (!state.sawProbs) throw new NoLogprobsError(FORMAT, HINT);
          completions.push(
            buildCompletion(state.tokens, {
              index,
              distribution: state.kinds.size === 1 ? [...state.kinds][0]! : 'unknown',
              responseText: state.text,
              finishReason: state.finishReason ?? null,
            }),
          );
        }
        return { format: 'llamacpp-completion', ...(model === undefined ? {} : { model }), completions };
      },
    };
  },
};

function isLlamacppObject(value: unknown): boolean {
  if (!isRecord(value) || 'choices' in value || 'object' in value) return false;
  if (Array.isArray(value.completion_probabilities)) return true;
  if (Array.isArray(value.probs) && isRecord(value.probs[0]) && 'tok_str' in value.probs[0]) return true;
  return (
    typeof value.content === 'string' &&
    ('id_slot' in value ||
      'tokens_predicted' in value ||
      'stop_type' in value ||
      'generation_settings' in value)
  );
}

function newState(): State {
  return {
    tokens: [],
    text: '',
    sawProbs: false,
    lastStop: undefined,
    finishReason: undefined,
    kinds: new Set(),
  };
}

function finishReasonOf(v: Record<string, unknown>): string | undefined {
  if (v.stop !== true) return undefined;
  if (typeof v.stop_type === 'string' && v.stop_type !== 'none') return v.stop_type;
  if (v.stopped_eos === true) return 'eos';
  if (v.stopped_word === true) return 'word';
  if (v.stopped_limit === true) return 'limit';
  return undefined;
}

function readEntry(entry: unknown, path: string, state: State): Token {
  if (
    isRecord(entry) &&
    Array.isArray(entry.probs) &&
    typeof entry.content === 'string' &&
    !('token' in entry)
  ) {
    state.kinds.add('unknown');
    return readLegacy(checkShape(legacyEntrySchema, entry, path), path);
  }
  const e = checkShape(entrySchema, entry, path);
  const probability = 'prob' in e || 'top_probs' in e;
  state.kinds.add(probability ? 'processed' : 'raw');
  const top = (probability ? e.top_probs : e.top_logprobs) ?? [];
  const raw = {
    ...alternative(e, probability),
    top: top.map((a) => alternative(a, probability)),
  };
  if (!probability) return buildToken(raw, path);
  return rethrowAtPath(
    () => buildToken(raw, path, { probability: true }),
    (p) => p.replace(/\.top_logprobs(?=\[|$)/, '.top_probs').replace(/\.logprob$/, '.prob'),
  );
}

function alternative(a: Alternative | Entry, probability: boolean): RawAlternative {
  const raw: RawAlternative = {
    text: a.token ?? '',
    value: probability ? a.prob : a.logprob,
    bytes: a.bytes,
  };
  if (a.id !== undefined) raw.id = a.id;
  return raw;
}

/** Legacy entries name bytes as `byte: \xNN`; the chosen token's probability is found in `probs`. */
function readLegacy(e: LegacyEntry, path: string): Token {
  const chosen = e.probs.find((p) => p.tok_str === e.content);
  const token = rethrowAtPath(
    () =>
      buildToken(
        {
          text: e.content,
          value: chosen ? chosen.prob : 1,
          bytes: legacyBytes(e.content),
          top: e.probs.map((p) => ({ text: p.tok_str, value: p.prob, bytes: legacyBytes(p.tok_str) })),
        },
        path,
        { probability: true },
      ),
    (p) =>
      p
        .replace(/\.top_logprobs\[(\d+)\]\.logprob$/, '.probs[$1].prob')
        .replace(/\.top_logprobs$/, '.probs')
        .replace(/\.logprob$/, '.prob'),
  );
  if (!chosen) {
    token.logprob = null;
    delete token.raw;
  }
  return token;
}

function legacyBytes(text: string): number[] | null {
  const m = /^byte: ?((?:\\x[0-9a-fA-F]{2})+)$/.exec(text);
  return m ? parseEscapedBytes(m[1]!) : null;
}

/** A final chunk that repeats every streamed token (older servers) replaces them instead of adding. */
function repeatsAll(final: readonly Token[], seen: readonly Token[]): boolean {
  return seen.length > 0 && final.length >= seen.length && seen.every((t, i) => final[i]!.text === t.text);
}
