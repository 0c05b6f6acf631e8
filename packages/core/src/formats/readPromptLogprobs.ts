import * as v from 'valibot';
import { InvalidValueError } from '../errors/InvalidValueError.js';
import type { Token } from '../model/Token.js';
import { buildToken, type RawAlternative } from './buildToken.js';
import { checkShape } from './checkShape.js';
import { tokenId } from './openaiTokens.js';
import { rethrowAtPath } from './rethrowAtPath.js';
import { finiteNumber, object, record } from './schemas.js';

const entrySchema = object({
  rank: v.nullish(finiteNumber()),
  decoded_token: v.nullish(v.string()),
});
const positionSchema = v.nullable(record(entrySchema));
type Entry = v.InferOutput<typeof entrySchema> & { id: number };

/**
 * Reads vLLM's `prompt_logprobs: [null, {"<id>": {logprob, rank, decoded_token}}, ...]` into prompt
 * tokens. Position 0 is `null` (nothing precedes the first token) and is skipped. Each position holds
 * the prompt token and the top-k; which entry is the prompt token:
 * - exactly, with `prompt_token_ids` (vLLM `return_token_ids`);
 * - else, the only entry when there is one;
 * - else, when the position has more entries than the fewest any position has (k + 1: the token is
 *   outside the top-k), the entry with the largest rank;
 * - else (the token is one of the top-k; JSON object order, which vLLM writes token-first, is lost
 *   because JavaScript orders numeric keys), the rank-1 entry, the likeliest guess.
 */
export function readPromptLogprobs(
  list: unknown[],
  ids: readonly number[] | undefined,
  path: string,
): Token[] {
  const positions = list.map((p, i) => {
    const record = checkShape(positionSchema, p, `${path}[${i}]`);
    return record
      ? Object.entries(record).map(([key, entry]): Entry => ({ ...entry, id: Number(key) }))
      : undefined;
  });
  const sizes = positions.filter((p) => p !== undefined && p.length > 0).map((p) => p!.length);
  const fewest = Math.min(...sizes);
  const tokens: Token[] = [];
  positions.forEach((entries, i) => {
    if (!entries || entries.length === 0) return;
    const chosen = pick(entries, ids?.[i], fewest, `${path}[${i}]`);
    const inTop = entries.length <= fewest && !(entries.length === 1 && (chosen.rank ?? 1) > 1);
    const top = inTop ? entries : entries.filter((e) => e !== chosen);
    const at = `${path}[${i}]["${chosen.id}"]`;
    const token = rethrowAtPath(
      () => buildToken({ ...raw(chosen), top: top.map(raw) }, at),
      // the alternatives are the position's entries
      (p) => (p === `${at}.top_logprobs` ? `${path}[${i}]` : p),
    );
    tokens.push(token);
  });
  return tokens;
}

function pick(entries: Entry[], id: number | undefined, fewest: number, path: string): Entry {
  if (id !== undefined) {
    const exact = entries.find((e) => e.id === id);
    if (!exact) throw new InvalidValueError(path, `the prompt token id ${id} is not among the entries`);
    return exact;
  }
  if (entries.length === 1) return entries[0]!;
  const byRank = [...entries].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  return entries.length > fewest ? byRank[byRank.length - 1]! : byRank[0]!;
}

function raw(entry: Entry): RawAlternative {
  const text = entry.decoded_token ?? '';
  return { text, value: entry.logprob, id: Number.isFinite(entry.id) ? entry.id : (tokenId(text) ?? 0) };
}
