/**
 * Zod schemas of what `save` accepts: a `NewRun` with the whole response in core's data model.
 * Numbers must be finite (JSON cannot carry NaN or Infinity), except a token's `raw` value, which is
 * the provider's own and may be `-Infinity` (the store keeps it). Unknown keys are dropped.
 */
import { BANDS, FACT_KINDS, FORMAT_IDS } from '@tokenscope/core';
import { z } from 'zod';

const int = z.number().int();
const logprob = z.number().max(0).nullable();
const bytes = z.array(int.min(0).max(255)).nullable();
const rawValue = z.union(
  [z.custom<number>((v) => typeof v === 'number', 'expected a number'), z.string(), z.null()],
  {
    error: 'expected a number, a string or null',
  },
);

const alternative = z.object({
  text: z.string(),
  logprob,
  bytes,
  id: int.optional(),
  raw: rawValue.optional(),
});

const renormalised = z.number().max(1e-9).nullable();

const token = z.object({
  text: z.string(),
  rawText: z.string().optional(),
  bytes,
  logprob,
  raw: rawValue.optional(),
  id: int.optional(),
  top: z.array(alternative),
  entropy: z.number().min(0).optional(),
  special: z.boolean().optional(),
  control: z.literal(true).optional(),
  utf8Group: z.tuple([int.min(0), int.min(0)]).optional(),
  /**
   * Constrained generation: the allowed distribution beside the raw one (core's `ConstrainedValues`).
   * Renormalised values may round a hair above 0 (a lone allowed token), hence the tolerance.
   */
  constrained: z
    .object({
      logprob: renormalised,
      top: z.array(alternative.extend({ logprob: renormalised })),
      allowedMass: z.number().min(0).max(1),
      entropy: z.number().min(0).optional(),
    })
    .optional(),
});

const completion = z.object({
  index: int.min(0),
  text: z.string(),
  tokens: z.array(token),
  prompt: z.array(token).optional(),
  finishReason: z.string().optional(),
  distribution: z.enum(['raw', 'processed', 'unknown']),
  topK: int.min(0),
  vocabSize: int.min(1).optional(),
  constraint: z
    .object({
      kind: z.enum(['choices', 'json-schema', 'grammar']),
      description: z.string(),
      complete: z.boolean().optional(),
      incompleteReason: z.string().optional(),
    })
    .optional(),
});

export const responseSchema = z.object({
  format: z.enum(FORMAT_IDS),
  model: z.string().optional(),
  id: z.string().optional(),
  completions: z.array(completion),
});

const promptSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({
    kind: z.literal('chat'),
    messages: z.array(
      z.object({ role: z.enum(['system', 'user', 'assistant', 'developer']), content: z.string() }),
    ),
  }),
]);

const paramsSchema = z.object({
  temperature: z.number().min(0).optional(),
  topP: z.number().min(0).max(1).optional(),
  maxTokens: int.min(0).optional(),
  topLogprobs: z
    .union([int.min(0), z.literal('all')], { error: 'expected an integer >= 0 or "all"' })
    .optional(),
  seed: int.optional(),
  stop: z.array(z.string()).optional(),
  distribution: z.enum(['raw', 'processed']).optional(),
});

const band = z.enum(BANDS);
const unit = {
  text: z.string(),
  charStart: int.min(0),
  charEnd: int.min(0),
  support: int.min(1),
  agreement: z.number().min(0).max(1),
  band,
};

/** Core's `ConsistencyAnalysis` (sampling-based confidence). */
const consistencySchema = z.object({
  method: z.literal('sampling'),
  mode: z.enum(['short', 'long']),
  samples: z
    .array(z.object({ text: z.string(), finishReason: z.string().optional() }))
    .min(2)
    .max(1000),
  chosen: int.min(0),
  text: z.string(),
  agreement: z.number().min(0).max(1),
  band,
  minAgreement: z.number().min(0).max(1),
  answers: z.array(z.object({ answer: z.string(), text: z.string(), count: int.min(1) })),
  sentences: z.array(z.object(unit)),
  facts: z.array(
    z.object({
      ...unit,
      kind: z.enum(FACT_KINDS),
    }),
  ),
  temperature: z.number().min(0),
  cost: z.object({
    requests: int.min(0),
    promptTokens: int.min(0).optional(),
    completionTokens: int.min(0).optional(),
    ms: z.number().min(0).optional(),
  }),
  reference: z.literal(true).optional(),
});

export const newRunSchema = z.object({
  title: z.string().optional(),
  tags: z.array(z.string()).optional(),
  source: z.enum(['local', 'remote', 'import', 'proxy', 'branch']),
  model: z.string().max(1000),
  endpoint: z.string().max(2000).optional(),
  provider: z.string().max(200).optional(),
  prompt: promptSchema.nullable(),
  params: paramsSchema,
  response: responseSchema,
  promptText: z.string().optional(),
  promptTokenIds: z.array(int.min(0)).optional(),
  branch: z.object({ parentId: z.string().min(1), position: int.min(0), token: alternative }).optional(),
  fileName: z.string().max(1000).optional(),
  constraint: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('choices'), choices: z.array(z.string()).min(1) }),
      z.strictObject({ kind: z.literal('json-schema'), schema: z.record(z.string(), z.unknown()) }),
      z.strictObject({ kind: z.literal('grammar'), gbnf: z.string().min(1) }),
    ])
    .optional(),
  dataset: z.string().trim().min(1).max(200).optional(),
  promptVersion: z.string().trim().min(1).max(200).optional(),
  expected: z.string().max(100_000).optional(),
  consistency: consistencySchema.optional(),
});

export const runPatchSchema = z.object({
  title: z.string().optional(),
  tags: z.array(z.string()).optional(),
});
