import { z } from 'zod';
import { runTargetSchema, samplesSchema } from '../generation/schemas.js';

const nonBlank = (what: string) =>
  z.string({ error: `expected the ${what} as a string` }).refine((s) => s.trim() !== '', {
    error: `expected a non-empty ${what}`,
  });

/** `POST /api/classify` (`ClassifyBody`). Labels are checked further by core's `checkLabels`. */
export const classifyBodySchema = z.strictObject({
  target: runTargetSchema,
  text: nonBlank('text to classify').max(100_000),
  labels: z
    .array(z.string().max(1000), { error: 'expected the labels as an array of strings' })
    .min(2, { error: 'expected at least 2 labels (one label always gets probability 1)' })
    .max(100, { error: 'expected at most 100 labels' }),
  template: z.string().max(20_000).optional(),
  minMargin: z.number().min(0).max(1).optional(),
  topLogprobs: z.number().int().min(1).max(20).optional(),
  confidence: z
    .enum(['logprobs', 'consistency'], {
      error: "expected 'logprobs' or 'consistency' (for both, ask once with each)",
    })
    .optional(),
  samples: samplesSchema.optional(),
});

/** `POST /api/rerank` (`RerankBody`). */
export const rerankBodySchema = z.strictObject({
  target: runTargetSchema,
  prompt: z.string().max(100_000),
  candidates: z
    .array(nonBlank('candidate').max(20_000), { error: 'expected the candidates as an array of strings' })
    .min(1, { error: 'expected at least one candidate' })
    .max(100, { error: 'expected at most 100 candidates' }),
  alpha: z.number().min(0).max(2).optional(),
});

/** `POST /api/score` (`ScoreBody`). */
export const scoreBodySchema = z.strictObject({
  target: runTargetSchema,
  text: nonBlank('text to score').max(100_000),
  topLogprobs: z.number().int().min(0).max(20).optional(),
  save: z.boolean().optional(),
});
