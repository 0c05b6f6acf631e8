import * as v from 'valibot';
import { InvalidValueError } from '../errors/InvalidValueError.js';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import type { Completion, LogprobResponse } from '../model/Completion.js';
import type { Token } from '../model/Token.js';
import { buildCompletion } from './buildCompletion.js';
import { buildToken, type RawAlternative } from './buildToken.js';
import { checkShape, isRecord } from './checkShape.js';
import { describeValue } from './describeValue.js';
import type { FormatParser, ParseOptions, ResponseAccumulator } from './FormatParser.js';
import { rethrowAtPath } from './rethrowAtPath.js';
import { int, object } from './schemas.js';

const FORMAT = 'SGLang';
const HINT =
  'add "return_logprob": true, "top_logprobs_num": 5 and "return_text_in_logprobs": true to the /generate request';

const responseSchema = object({
  text: v.nullish(v.string()),
  index: v.optional(int()),
  meta_info: object({
    id: v.optional(v.string()),
    finish_reason: v.nullish(object({ type: v.string() })),
    output_token_logprobs: v.nullish(v.array(v.unknown())),
    output_top_logprobs: v.nullish(v.array(v.nullish(v.array(v.unknown())))),
    input_token_logprobs: v.nullish(v.array(v.unknown())),
    input_top_logprobs: v.nullish(v.array(v.nullish(v.array(v.unknown())))),
  }),
});

/** One `[logprob, token_id, text]` entry, with where it came from. */
interface Entry {
  value: unknown;
  id: number;
  text: string | null;
  path: string;
}

interface Position {
  chosen: Entry;
  top: Entry[];
}

interface State {
  output: Position[];
  prompt: Position[];
  text: string;
  sawLogprobs: boolean;
  finishReason: string | null | undefined;
  id: string | undefined;
}

/**
 * SGLang's native `/generate`: `meta_info.output_token_logprobs: [[logprob, id, text]]`,
 * `output_top_logprobs`, `input_token_logprobs` (the prompt); a top-level array for a batch or `n > 1`;
 * SSE chunks when streamed (cumulative or incremental, both read). `-3.4e38` is a sentinel. When the
 * request did not set `return_text_in_logprobs` the token text is unknown and reads `token_id:N`.
 */
export const sglang: FormatParser = {
  id: 'sglang',
  label: 'SGLang /generate',
  detect(value) {
    if (Array.isArray(value)) return value.length > 0 && value.every(isSglangObject);
    return isSglangObject(value);
  },
  accumulate(options: ParseOptions = {}): ResponseAccumulator {
    const states = new Map<number, State>();
    let pushes = 0;
    let sawDone = false;

    const add = (value: unknown, root: string, fallbackIndex: number): void => {
      const r = checkShape(responseSchema, value, root);
      const index = r.index ?? fallbackIndex;
      const state = states.get(index) ?? newState();
      states.set(index, state);
      const m = r.meta_info;
      const at = `${root}${root === '' || root.endsWith(' ') ? '' : '.'}meta_info`;
      if (m.finish_reason !== undefined) state.finishReason = m.finish_reason?.type ?? null;
      if (m.id !== undefined) state.id = m.id;
      let cumulative = (r.text ?? '').startsWith(state.text) && state.text !== '';
      if (m.output_token_logprobs) {
        state.sawLogprobs = true;
        const positions = readPositions(m.output_token_logprobs, m.output_top_logprobs, `${at}.output`);
        cumulative = repeats(positions, state.output);
        state.output = cumulative ? positions : [...state.output, ...positions];
      }
      if (m.input_token_logprobs && m.input_token_logprobs.length > 0) {
        state.prompt = readPositions(m.input_token_logprobs, m.input_top_logprobs, `${at}.input`);
      }
      state.text = cumulative ? (r.text ?? '') : state.text + (r.text ?? '');
    };

    return {
      push(value) {
        const root = pushes === 0 ? '' : `(chunk ${pushes + 1}) `;
        pushes++;
        if (Array.isArray(value)) {
          value.forEach((v, i) => {
            add(v, `${root}[${i}]`, i);
          });
        } else add(value, root, 0);
      },
      done() {
        sawDone = true;
      },
      finish(): LogprobResponse {
        if (states.size === 0) throw new NoLogprobsError(FORMAT, `the input held no response; ${HINT}`);
        const completions: Completion[] = [];
        let id: string | undefined;
        for (const [index, s] of [...states].sort((a, b) => a[0] - b[0])) {
          if (s.finishReason === null && !sawDone && !options.allowTruncated) {
            throw new TruncatedStreamError(
              'the last SGLang chunk has no finish_reason and no [DONE] followed (pass allowTruncated to analyse what arrived)',
            );
          }
          if (!s.sawLogprobs) throw new NoLogprobsError(FORMAT, HINT);
          id ??= s.id;
          const textKnown = s.output.every((p) => p.chosen.text !== null);
          const prompt = s.prompt.map((p, i) => toToken(p, i === 0));
          completions.push(
            buildCompletion(
              s.output.map((p) => toToken(p, false)),
              {
                index,
                distribution: 'unknown',
                ...(textKnown ? { responseText: s.text } : {}),
                finishReason: s.finishReason ?? null,
                ...(prompt.length > 0 ? { prompt } : {}),
              },
            ),
          );
        }
        return { format: 'sglang', ...(id === undefined ? {} : { id }), completions };
      },
    };
  },
};

function isSglangObject(value: unknown): boolean {
  if (!isRecord(value) || 'choices' in value || !isRecord(value.meta_info)) return false;
  return 'text' in value || 'output_ids' in value;
}

function newState(): State {
  return { output: [], prompt: [], text: '', sawLogprobs: false, finishReason: undefined, id: undefined };
}

function readPositions(
  tokens: readonly unknown[],
  tops: ReadonlyArray<readonly unknown[] | null | undefined> | null | undefined,
  at: string,
): Position[] {
  return tokens.map((entry, i) => ({
    chosen: readEntry(entry, `${at}_token_logprobs[${i}]`),
    top: (tops?.[i] ?? []).map((alt, j) => readEntry(alt, `${at}_top_logprobs[${i}][${j}]`)),
  }));
}

function readEntry(entry: unknown, path: string): Entry {
  if (!Array.isArray(entry) || entry.length < 2) {
    throw new InvalidValueError(path, 'expected [logprob, token_id, text]');
  }
  const [value, id, text] = entry as [unknown, unknown, unknown];
  if (typeof id !== 'number' || !Number.isInteger(id)) {
    throw new InvalidValueError(
      `${path}[1]`,
      `expected an integer token id, got ${typeof id === 'number' ? String(id) : describeValue(id)}`,
    );
  }
  if (text !== undefined && text !== null && typeof text !== 'string') {
    throw new InvalidValueError(`${path}[2]`, 'expected the token text or null');
  }
  return { value, id, text: typeof text === 'string' ? text : null, path };
}

function toToken(p: Position, firstPromptToken: boolean): Token {
  // The first prompt token has no logprob (null), like every sentinel.
  const value = firstPromptToken && p.chosen.value === null ? null : p.chosen.value;
  return rethrowAtPath(
    () => buildToken({ ...alternative(p.chosen), value, top: p.top.map(alternative) }, p.chosen.path),
    (path) => rename(path, p),
  );
}

function alternative(e: Entry): RawAlternative {
  return { text: e.text ?? `token_id:${e.id}`, value: e.value, id: e.id };
}

/**
 * Maps buildToken's `<path>.logprob` / `<path>.top_logprobs[j].logprob` back to SGLang's tuples, and
 * `<path>.top_logprobs` to the position's list of them.
 */
function rename(path: string, p: Position): string {
  const top = /\.top_logprobs\[(\d+)\]\.logprob$/.exec(path);
  if (top) return `${p.top[Number(top[1])]?.path ?? path}[0]`;
  if (path.endsWith('.top_logprobs')) return p.top[0]?.path.replace(/\[\d+\]$/, '') ?? path;
  return path.endsWith('.logprob') ? `${p.chosen.path}[0]` : path;
}

/** True when `next` starts with everything in `seen` (SGLang's default, cumulative stream chunks). */
function repeats(next: readonly Position[], seen: readonly Position[]): boolean {
  if (seen.length === 0 || next.length < seen.length) return false;
  const same = (a: Entry, b: Entry) => a.id === b.id && a.value === b.value;
  return (
    same(next[0]!.chosen, seen[0]!.chosen) &&
    same(next[seen.length - 1]!.chosen, seen[seen.length - 1]!.chosen)
  );
}
