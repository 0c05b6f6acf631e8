import type { Token } from '@tokenscope/core';
import type { GenerateResult, GenerationConstraint } from '@tokenscope/local';
import { ApiError } from './ApiError.js';
import { type ChatTokenLogprob, toChatLogprob } from './chatLogprobs.js';

/** The request fields a constraint can come from (chat has both, completions only the first). */
export interface ConstraintFields {
  tokenscope?: { constraint?: GenerationConstraint | undefined } | undefined;
  response_format?:
    | { type: 'text' }
    | { type: 'json_object' }
    | { type: 'json_schema'; json_schema: { schema: Record<string, unknown> } }
    | null
    | undefined;
}

/** The engine constraint the request asks for: `tokenscope.constraint`, or OpenAI's `response_format`. */
export function toConstraint(fields: ConstraintFields): GenerationConstraint | undefined {
  const own = fields.tokenscope?.constraint;
  const format = fields.response_format;
  const fromFormat: GenerationConstraint | undefined =
    format?.type === 'json_schema'
      ? { kind: 'json-schema', schema: format.json_schema.schema }
      : format?.type === 'json_object'
        ? { kind: 'json-schema', schema: { type: 'object', additionalProperties: true } }
        : undefined;
  if (own !== undefined && fromFormat !== undefined) {
    throw ApiError.invalid(
      'response_format',
      'Invalid \'response_format\': send either "response_format" or "tokenscope": {"constraint": ...}, not both',
    );
  }
  return own ?? fromFormat;
}

/**
 * A generated token as the standard `logprobs` fields report it: under a constraint, the
 * distribution the constraint allowed (renormalised); otherwise the token as it is.
 */
export function reportedToken(token: Token): Token {
  const c = token.constrained;
  return c === undefined ? token : { ...token, logprob: c.logprob, top: c.top };
}

/** One entry of `tokenscope.raw_logprobs`: the raw values of a token, and the mass the constraint removed. */
export interface RawLogprob extends ChatTokenLogprob {
  removed_mass: number;
}

/** The raw values of constrained tokens (what the model wanted), in Chat Completions' shape. */
export function rawLogprobs(tokens: readonly Token[]): RawLogprob[] {
  return tokens.map((t) => ({ ...toChatLogprob(t), removed_mass: 1 - (t.constrained?.allowedMass ?? 1) }));
}

/**
 * The per-choice `tokenscope` extension of a constrained answer: the constraint and, when logprobs
 * were asked, the raw values beside the constrained ones in `logprobs`. Empty for a free answer.
 */
export function constraintChoiceField(
  result: Pick<GenerateResult, 'constraint'>,
  tokens: readonly Token[],
  logprobs: boolean,
): {
  tokenscope?: { constraint: NonNullable<GenerateResult['constraint']>; raw_logprobs: RawLogprob[] | null };
} {
  if (result.constraint === undefined) return {};
  return {
    tokenscope: { constraint: result.constraint, raw_logprobs: logprobs ? rawLogprobs(tokens) : null },
  };
}
