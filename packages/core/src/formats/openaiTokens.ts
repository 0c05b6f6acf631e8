import * as v from 'valibot';
import { InvalidValueError } from '../errors/InvalidValueError.js';
import type { Token } from '../model/Token.js';
import { buildToken, type RawAlternative } from './buildToken.js';
import { checkShape, isRecord } from './checkShape.js';
import { rethrowAtPath } from './rethrowAtPath.js';
import { int, object, record, union } from './schemas.js';

const alternativeEntries = {
  token: v.string(),
  id: v.optional(int()),
};
const alternativeSchema = object(alternativeEntries);
const itemSchema = object({ ...alternativeEntries, top_logprobs: v.nullish(v.array(alternativeSchema)) });
const itemsSchema = v.array(itemSchema);
/** Parallel arrays of the legacy Completions API (and Together, Fireworks, vLLM completions). */
const legacySchema = object({
  tokens: v.array(v.string()),
  token_logprobs: v.array(v.unknown()),
  // per token: a `{token: logprob}` map (OpenAI), an item list, or null
  top_logprobs: v.nullish(v.array(union([record(v.unknown()), v.array(alternativeSchema), v.null()]))),
  token_ids: v.nullish(v.array(int())),
});

const TOKEN_ID = /^token_id:(\d+)$/;

/** vLLM's `return_tokens_as_token_ids` writes tokens as `token_id:123`: keep the text, read the id. */
export function tokenId(text: string): number | undefined {
  const match = TOKEN_ID.exec(text);
  return match ? Number(match[1]) : undefined;
}

function alternative(text: string, value: unknown, bytes?: unknown, id?: number): RawAlternative {
  const alt: RawAlternative = { text, value };
  if (bytes !== undefined) alt.bytes = bytes;
  const parsedId = id ?? tokenId(text);
  if (parsedId !== undefined) alt.id = parsedId;
  return alt;
}

/**
 * Reads the OpenAI list of token items `{token, logprob, bytes, top_logprobs}` (Chat Completions,
 * Responses, llama.cpp `/v1/*`, Fireworks `raw_output`); `id` is kept where a server adds it.
 */
export function readContentItems(items: unknown, path: string): Token[] {
  const list = checkShape(itemsSchema, items, path);
  return list.map((item, i) =>
    buildToken(
      {
        ...alternative(item.token, item.logprob, item.bytes, item.id),
        top: (item.top_logprobs ?? []).map((alt) => alternative(alt.token, alt.logprob, alt.bytes, alt.id)),
      },
      `${path}[${i}]`,
    ),
  );
}

/**
 * Reads the legacy parallel arrays `{tokens, token_logprobs, top_logprobs, text_offset}`; `top_logprobs`
 * entries may be `{token: logprob}` maps (OpenAI) or item lists; `token_ids` (Together) set ids.
 * Paths name the array element, e.g. `choices[0].logprobs.token_logprobs[3]`.
 */
export function readLegacyArrays(logprobs: unknown, path: string): Token[] {
  const lp = checkShape(legacySchema, logprobs, path);
  const n = lp.tokens.length;
  if (lp.token_logprobs.length !== n) {
    throw new InvalidValueError(
      `${path}.token_logprobs`,
      `expected ${n} values (one per token in tokens), got ${lp.token_logprobs.length}`,
    );
  }
  const tokens: Token[] = [];
  for (let i = 0; i < n; i++) {
    const text = lp.tokens[i]!;
    const top = lp.top_logprobs?.[i];
    const alternatives: RawAlternative[] = Array.isArray(top)
      ? top.map((alt) => alternative(alt.token, alt.logprob, alt.bytes, alt.id))
      : isRecord(top)
        ? Object.entries(top).map(([t, v]) => alternative(t, v))
        : [];
    const base = `${path}.tokens[${i}]`;
    const token = rethrowAtPath(
      () =>
        buildToken(
          {
            ...alternative(text, lp.token_logprobs[i], undefined, lp.token_ids?.[i] ?? undefined),
            top: alternatives,
          },
          base,
        ),
      (p) => {
        if (p === `${base}.logprob`) return `${path}.token_logprobs[${i}]`;
        if (p === `${base}.top_logprobs`) return `${path}.top_logprobs[${i}]`;
        const j = /^\.top_logprobs\[(\d+)\]/.exec(p.slice(base.length));
        if (!j) return p;
        const at = Array.isArray(top)
          ? `[${j[1]}].logprob`
          : `[${JSON.stringify(alternatives[Number(j[1])]?.text)}]`;
        return `${path}.top_logprobs[${i}]${at}`;
      },
    );
    tokens.push(token);
  }
  return tokens;
}
