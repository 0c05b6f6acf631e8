import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { InvalidValueError } from '../errors/InvalidValueError.js';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import type { Completion, LogprobResponse } from '../model/Completion.js';
import type { Token, TopAlternative } from '../model/Token.js';
import { buildCompletion } from './buildCompletion.js';
import { isRecord } from './checkShape.js';
import type { FormatParser, ParseOptions, ResponseAccumulator } from './FormatParser.js';
import { softmaxSummary } from './softmaxSummary.js';
import { topIndices } from './topIndices.js';

const DEFAULT_TOP_K = 20;

/**
 * Raw logits as a Hugging Face user dumps them (`output_logits=True`, or `output_scores` for values
 * after the logits processors): `{logits: number[][], tokens?, token_ids?, vocab?, temperature?}`, one
 * row of vocabulary logits per generated step. Each row goes through a numerically stable log-softmax
 * at `options.temperature ?? temperature ?? 1` (`softmaxSummary`: the `logSoftmax` computation fused
 * so nothing vocabulary-sized is allocated); each token gets the exact entropy of the whole
 * distribution and its `topK` (default 20) most likely alternatives, found by partial selection.
 *
 * The chosen token at step i is `token_ids[i]` when given, else the first vocabulary id whose text
 * equals `tokens[i]`, else the argmax of the row (greedy decoding). Text comes from `tokens[i]`, then
 * `vocab[id]`, then `token_id:ID`. Several documents (JSON lines) give several completions.
 */
export const logits: FormatParser = {
  id: 'logits',
  label: 'Raw logits',
  detect(value) {
    if (!isRecord(value) || !Array.isArray(value.logits) || value.logits.length === 0) return false;
    const first: unknown = value.logits[0];
    return Array.isArray(first) && first.length > 0 && typeof first[0] === 'number';
  },
  accumulate(options: ParseOptions = {}): ResponseAccumulator {
    const topK = options.topK ?? DEFAULT_TOP_K;
    if (!Number.isInteger(topK) || topK < 0) {
      throw new InvalidOptionError('topK', `expected a whole number >= 0, got ${options.topK}`);
    }
    if (options.temperature !== undefined && !validTemperature(options.temperature)) {
      throw new InvalidOptionError('temperature', `expected a finite number > 0, got ${options.temperature}`);
    }
    const completions: Completion[] = [];
    return {
      push(value) {
        const root = completions.length === 0 ? '' : `(document ${completions.length + 1}) `;
        completions.push(readDocument(value, root, completions.length, topK, options.temperature));
      },
      done() {},
      finish(): LogprobResponse {
        if (completions.length === 0) {
          throw new NoLogprobsError('logits', 'the input held no {"logits": [[...], ...]} document');
        }
        return { format: 'logits', completions };
      },
    };
  },
};

function validTemperature(t: unknown): t is number {
  return typeof t === 'number' && Number.isFinite(t) && t > 0;
}

function readDocument(
  value: unknown,
  root: string,
  index: number,
  topK: number,
  optionTemperature: number | undefined,
): Completion {
  if (!isRecord(value) || !Array.isArray(value.logits)) {
    throw new InvalidValueError(`${root}logits`, 'expected an array of logit rows, one per generated step');
  }
  const rows = value.logits as unknown[];
  const vocabSize = checkRows(rows, root);
  const tokens = optionalArray(value, 'tokens', rows.length, root, (v) => typeof v === 'string', 'a string');
  const tokenIds = optionalArray(
    value,
    'token_ids',
    rows.length,
    root,
    (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < vocabSize,
    `a token id in 0..${vocabSize - 1}`,
  );
  const vocab = optionalArray(value, 'vocab', undefined, root, (v) => typeof v === 'string', 'a string');
  if (value.temperature !== undefined && !validTemperature(value.temperature)) {
    throw new InvalidValueError(
      `${root}temperature`,
      `expected a finite number > 0, got ${String(value.temperature)}`,
    );
  }
  const temperature = optionTemperature ?? (value.temperature as number | undefined) ?? 1;
  const idOfText = vocab && tokens && !tokenIds ? firstIds(vocab as string[]) : undefined;
  const textOf = (id: number) => (vocab?.[id] as string | undefined) ?? `token_id:${id}`;

  const out: Token[] = rows.map((r, i) => {
    const row = r as number[];
    const { logNormalizer, entropy } = softmaxSummary(row, temperature);
    const logprobOf = (id: number) => row[id]! / temperature - logNormalizer;
    const given = tokens?.[i] as string | undefined;
    const chosen =
      (tokenIds?.[i] as number | undefined) ?? (given === undefined ? undefined : idOfText?.get(given));
    // Division by a positive temperature keeps the order: the top logits are the top logprobs.
    const top = topIndices(row, topK);
    const id = chosen ?? top[0] ?? argmax(row);
    const token: Token = {
      text: given ?? textOf(id),
      bytes: null,
      logprob: finiteOrNull(logprobOf(id)),
      id,
      top: top
        .filter((j) => row[j]! > Number.NEGATIVE_INFINITY)
        .map((j) => alternative(j, logprobOf(j), textOf(j))),
      entropy,
    };
    if (token.logprob === null) token.raw = '-inf';
    return token;
  });
  return buildCompletion(out, { index, distribution: temperature === 1 ? 'raw' : 'processed', vocabSize });
}

/** Checks every row has the same length and only numbers (-Infinity allowed: a masked token). */
function checkRows(rows: readonly unknown[], root: string): number {
  const first = rows[0];
  if (!Array.isArray(first) || first.length === 0) {
    throw new InvalidValueError(`${root}logits[0]`, 'expected a non-empty array of logits');
  }
  const size = first.length;
  rows.forEach((row, i) => {
    if (!Array.isArray(row))
      throw new InvalidValueError(`${root}logits[${i}]`, 'expected an array of logits');
    if (row.length !== size) {
      throw new InvalidValueError(
        `${root}logits[${i}]`,
        `every step needs the same vocabulary size: logits[0] has ${size} values, logits[${i}] has ${row.length}`,
      );
    }
    let finite = false;
    for (let j = 0; j < size; j++) {
      const v: unknown = row[j];
      if (typeof v !== 'number' || Number.isNaN(v) || v === Number.POSITIVE_INFINITY) {
        throw new InvalidValueError(
          `${root}logits[${i}][${j}]`,
          `expected a logit (a number), got ${describe(v)}`,
        );
      }
      finite ||= v !== Number.NEGATIVE_INFINITY;
    }
    if (!finite)
      throw new InvalidValueError(`${root}logits[${i}]`, 'every logit is -Infinity: no token is possible');
  });
  return size;
}

function optionalArray(
  value: Record<string, unknown>,
  key: string,
  length: number | undefined,
  root: string,
  valid: (v: unknown) => boolean,
  expected: string,
): unknown[] | undefined {
  const array = value[key];
  if (array === undefined || array === null) return undefined;
  if (!Array.isArray(array)) throw new InvalidValueError(`${root}${key}`, 'expected an array');
  if (length !== undefined && array.length !== length) {
    throw new InvalidValueError(
      `${root}${key}`,
      `has ${array.length} entries but logits has ${length} steps; they must match`,
    );
  }
  array.forEach((v, i) => {
    if (!valid(v))
      throw new InvalidValueError(`${root}${key}[${i}]`, `expected ${expected}, got ${describe(v)}`);
  });
  return array;
}

function firstIds(vocab: readonly string[]): Map<string, number> {
  const ids = new Map<string, number>();
  vocab.forEach((text, id) => {
    if (!ids.has(text)) ids.set(text, id);
  });
  return ids;
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

function alternative(id: number, logprob: number, text: string): TopAlternative {
  return { text, logprob, bytes: null, id };
}

function finiteOrNull(v: number): number | null {
  return v > Number.NEGATIVE_INFINITY ? v : null;
}

function describe(v: unknown): string {
  if (typeof v === 'number') return String(v);
  return v === null
    ? 'null'
    : Array.isArray(v)
      ? 'an array'
      : typeof v === 'string'
        ? JSON.stringify(v)
        : typeof v;
}
