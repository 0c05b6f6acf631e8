import {
  CONFIDENCE_SIGNALS,
  MAX_SAMPLES,
  MIN_SAMPLES,
  type RunParams,
  type RunPrompt,
} from '@tokenscope/core';
import { PROVIDER_IDS } from '@tokenscope/providers';
import { z } from 'zod';
import { constraintSchema } from '../../schemas/constraintSchema.js';

const messageSchema = z.strictObject({
  role: z.enum(['system', 'user', 'assistant', 'developer']),
  content: z.string({ error: 'expected the message text as a string' }),
});

/** `RunPrompt`: raw text or chat messages. */
export const runPromptSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('text'),
      text: z.string().min(1, { error: 'expected a non-empty prompt' }),
    }),
    z.strictObject({
      kind: z.literal('chat'),
      messages: z.array(messageSchema).min(1, { error: 'expected at least one message' }),
    }),
  ],
  { error: "expected {kind: 'text', text} or {kind: 'chat', messages}" },
);

/** `RunParams`, with the ranges OpenAI accepts. */
export const runParamsSchema = z.strictObject({
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().gt(0, { error: 'expected a number greater than 0 and at most 1' }).max(1).optional(),
  maxTokens: z.number().int().min(1).max(1_000_000).optional(),
  topLogprobs: z
    .union([z.number().int().min(0), z.literal('all')], {
      error: "expected an integer >= 0 or 'all'",
    })
    .optional(),
  seed: z.number().int().optional(),
  stop: z.array(z.string()).max(4, { error: 'expected at most 4 stop sequences' }).optional(),
  distribution: z.enum(['raw', 'processed']).optional(),
});

/** `RunTarget`: a local model id, or a remote OpenAI-compatible endpoint. */
export const runTargetSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('local'), model: z.string().min(1, { error: 'expected a model id' }) }),
    z.strictObject({
      kind: z.literal('remote'),
      baseURL: z.url({
        protocol: /^https?$/,
        error: 'expected an http(s) URL such as http://127.0.0.1:8000/v1',
      }),
      model: z.string().min(1, { error: 'expected the remote model name' }),
      apiKey: z.string().optional(),
      provider: z.enum(PROVIDER_IDS).optional(),
    }),
  ],
  { error: "expected {kind: 'local', model} or {kind: 'remote', baseURL, model}" },
);

const SAMPLES_ERROR = `expected an integer from ${MIN_SAMPLES} to ${MAX_SAMPLES} (answers to compare)`;

/** How many answers sampling consistency compares (the providers' `sampleAnswers` range). */
export const samplesSchema = z
  .number({ error: SAMPLES_ERROR })
  .int({ error: SAMPLES_ERROR })
  .min(MIN_SAMPLES, { error: SAMPLES_ERROR })
  .max(MAX_SAMPLES, { error: SAMPLES_ERROR });

/** `POST /api/generate` (`GenerateBody`). */
export const generateBodySchema = z.strictObject({
  target: runTargetSchema,
  prompt: runPromptSchema,
  params: runParamsSchema.optional(),
  title: z.string().max(500).optional(),
  tags: z.array(z.string().min(1).max(100)).max(50).optional(),
  constraint: constraintSchema.optional(),
  confidence: z
    .enum(CONFIDENCE_SIGNALS, { error: "expected 'logprobs', 'consistency' or 'both'" })
    .optional(),
  samples: samplesSchema.optional(),
});

const position = z.number({ error: 'expected a token index' }).int().min(0);

/** `POST /api/runs/:id/branch` (`BranchBody`). */
export const branchBodySchema = z.strictObject({
  position,
  token: z.strictObject({ text: z.string(), id: z.number().int().min(0).optional() }),
  params: runParamsSchema.optional(),
  apiKey: z.string().optional(),
});

/** `POST /api/runs/:id/distribution` (`DistributionBody`). */
export const distributionBodySchema = z.strictObject({
  position,
  top: z
    .union([z.number().int().min(1), z.literal('all')], { error: "expected an integer >= 1 or 'all'" })
    .optional(),
});

/** Copies the defined entries (zod's optional fields may hold `undefined`; the contract types may not). */
export function definedOnly<T extends object>(value: object): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The prompt as the contract types it. */
export function toRunPrompt(prompt: z.infer<typeof runPromptSchema>): RunPrompt {
  return prompt.kind === 'text'
    ? { kind: 'text', text: prompt.text }
    : { kind: 'chat', messages: prompt.messages.map((m) => ({ role: m.role, content: m.content })) };
}

/** The params as the contract types them. */
export function toRunParams(params: z.infer<typeof runParamsSchema> | undefined): RunParams {
  return definedOnly<RunParams>(params ?? {});
}
