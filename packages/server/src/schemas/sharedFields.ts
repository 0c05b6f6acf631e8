import { z } from 'zod';
import { constraintSchema } from './constraintSchema.js';

/** Stop sequences: a string or up to 4 strings (OpenAI's limit). */
export const stopSchema = z
  .union([z.string(), z.array(z.string()).max(4, { error: 'expected at most 4 stop sequences' })], {
    error: 'expected a string or an array of up to 4 strings',
  })
  .nullish();

/** `stream_options` of OpenAI's streaming APIs. */
export const streamOptionsSchema = z
  .strictObject({ include_usage: z.boolean().nullish(), include_obfuscation: z.boolean().nullish() })
  .nullish();

/** The `tokenscope` request extension object. */
export const tokenscopeOptionsSchema = z
  .strictObject({
    /** Lifts the top-logprobs limit (20) up to the vocabulary size. */
    allow_large_top_logprobs: z.boolean().optional(),
    /** Restricts the output to choices, a JSON schema or a GBNF grammar (see docs/constrain.md). */
    constraint: constraintSchema.optional(),
  })
  .optional();

/**
 * An OpenAI parameter this server does not implement: accepted only at its neutral value (the value
 * that changes nothing), so a client that always sends defaults keeps working.
 */
export function neutralOnly(name: string, isNeutral: (value: unknown) => boolean, neutral: string) {
  return z
    .unknown()
    .refine((value) => value === undefined || value === null || isNeutral(value), {
      error: `${name} is not supported by tokenscope serve; send ${neutral} or leave it out`,
    })
    .optional();
}

const isEmptyArray = (v: unknown) => Array.isArray(v) && v.length === 0;
const isEmptyObject = (v: unknown) => typeof v === 'object' && v !== null && Object.keys(v).length === 0;

/** Sampling and logprob fields shared by chat and completions (OpenAI names and ranges). */
export const samplingFields = {
  model: z.string({ error: 'expected the model id as a string (see GET /v1/models)' }).min(1),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().gt(0, { message: 'top_p must be greater than 0 and at most 1' }).max(1).nullish(),
  n: z.number().int().min(1).max(128).nullish(),
  seed: z.number().int().nullish(),
  stop: stopSchema,
  stream: z.boolean().nullish(),
  stream_options: streamOptionsSchema,
  /** Extension (vLLM, llama.cpp): keep the k most likely tokens before sampling; 0 = off. */
  top_k: z.number().int().min(0).nullish(),
  /** Extension (vLLM, llama.cpp): min-p sampling; 0 = off. */
  min_p: z.number().min(0).max(1).nullish(),
  /** Extension (vLLM, llama.cpp; load-test tools send it): never end at an end-of-generation token. */
  ignore_eos: z.boolean().nullish(),
  /** Extension (vLLM): end-of-generation tokens cannot be drawn before this many tokens. */
  min_tokens: z.number().int().min(0).nullish(),
  /** Extension: which distribution the logprobs describe. */
  logprobs_distribution: z.enum(['raw', 'processed']).nullish(),
  tokenscope: tokenscopeOptionsSchema,
  // Accepted and ignored: they do not change what is generated.
  user: z.string().optional(),
  metadata: z.unknown().optional(),
  store: z.unknown().optional(),
  service_tier: z.unknown().optional(),
  safety_identifier: z.unknown().optional(),
  prompt_cache_key: z.unknown().optional(),
  prompt_cache_retention: z.unknown().optional(),
  prompt_cache_options: z.unknown().optional(),
  // Not implemented: only their neutral values are accepted.
  frequency_penalty: neutralOnly('frequency_penalty', (v) => v === 0, '0'),
  presence_penalty: neutralOnly('presence_penalty', (v) => v === 0, '0'),
  logit_bias: neutralOnly('logit_bias', isEmptyObject, '{}'),
} as const;

export const neutral = { isEmptyArray, isEmptyObject };
