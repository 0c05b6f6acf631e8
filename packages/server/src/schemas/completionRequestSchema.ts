import { z } from 'zod';
import { neutralOnly, samplingFields } from './sharedFields.js';

const promptSchema = z.union(
  [z.string(), z.array(z.string()).length(1, { error: 'expected exactly one prompt string per request' })],
  {
    error:
      'expected a string (or an array of one string); token-id prompts and several prompts are not supported',
  },
);

/** `POST /v1/completions` request body (OpenAI's legacy fields plus tokenscope's extensions). */
export const completionRequestSchema = z.strictObject({
  ...samplingFields,
  prompt: promptSchema,
  /** Default 16 as OpenAI; 0 with `echo` scores the prompt only. */
  max_tokens: z.number().int().min(0).nullish(),
  /** Alternatives per token: OpenAI allows 0-5; tokenscope up to 20, or the vocabulary (extension). */
  logprobs: z.number().int().min(0).nullish(),
  echo: z.boolean().nullish(),
  best_of: neutralOnly('best_of', (v) => v === 1, '1'),
  suffix: neutralOnly('suffix', (v) => v === '', '""'),
});

export type CompletionRequest = z.infer<typeof completionRequestSchema>;
