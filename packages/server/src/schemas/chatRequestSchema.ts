import { z } from 'zod';
import { responseFormatSchema } from './constraintSchema.js';
import { neutral, neutralOnly, samplingFields } from './sharedFields.js';

const textPartSchema = z.strictObject({ type: z.literal('text'), text: z.string() });

const contentSchema = z.union([z.string(), z.array(textPartSchema)], {
  error: 'expected a string or an array of {"type": "text", "text": ...} parts (only text is supported)',
});

const messageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: contentSchema.nullish(),
  name: z.string().optional(),
  tool_calls: neutralOnly('tool_calls', neutral.isEmptyArray, '[]'),
  function_call: neutralOnly('function_call', () => false, 'null'),
});

/** `POST /v1/chat/completions` request body (OpenAI's fields plus tokenscope's documented extensions). */
export const chatRequestSchema = z.strictObject({
  ...samplingFields,
  messages: z
    .array(messageSchema, { error: 'expected an array of messages' })
    .min(1, { error: 'expected at least one message' }),
  max_tokens: z.number().int().min(1).nullish(),
  max_completion_tokens: z.number().int().min(1).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().min(0).nullish(),
  /** `json_schema` and `json_object` constrain the output (local grammar); `text` changes nothing. */
  response_format: responseFormatSchema,
  // Accepted and ignored.
  parallel_tool_calls: z.unknown().optional(),
  reasoning_effort: z.unknown().optional(),
  verbosity: z.unknown().optional(),
  modalities: neutralOnly('modalities', (v) => Array.isArray(v) && v.every((m) => m === 'text'), '["text"]'),
  // Not implemented.
  tools: neutralOnly('tools', neutral.isEmptyArray, '[]'),
  tool_choice: neutralOnly('tool_choice', (v) => v === 'none', '"none"'),
  functions: neutralOnly('functions', neutral.isEmptyArray, '[]'),
  function_call: neutralOnly('function_call', (v) => v === 'none', '"none"'),
  audio: neutralOnly('audio', () => false, 'null'),
  prediction: neutralOnly('prediction', () => false, 'null'),
  web_search_options: neutralOnly('web_search_options', () => false, 'null'),
  moderation: neutralOnly('moderation', () => false, 'null'),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;
