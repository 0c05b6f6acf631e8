import { z } from 'zod';
import { neutral, neutralOnly, tokenscopeOptionsSchema } from '../schemas/sharedFields.js';

/** The `include` value that asks for the output text's logprobs. */
export const LOGPROBS_INCLUDE = 'message.output_text.logprobs';

/** OpenAI's `include` values: only the logprobs change anything here (the rest name tool outputs). */
const INCLUDABLE = [
  LOGPROBS_INCLUDE,
  'file_search_call.results',
  'web_search_call.results',
  'web_search_call.action.sources',
  'message.input_image.image_url',
  'computer_call_output.output.image_url',
  'code_interpreter_call.outputs',
  'reasoning.encrypted_content',
] as const;

/** `text.format`: plain text, any JSON object, or JSON matching a schema (a local grammar). */
const textFormatSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('text') }),
    z.strictObject({ type: z.literal('json_object') }),
    z.strictObject({
      type: z.literal('json_schema'),
      name: z.string().min(1),
      schema: z.record(z.string(), z.unknown()),
      strict: z.boolean().nullish(),
      description: z.string().optional(),
    }),
  ],
  {
    error:
      'expected {"type": "text"}, {"type": "json_object"} or {"type": "json_schema", "name": ..., "schema": {...}}',
  },
);

export type TextFormat = z.infer<typeof textFormatSchema>;

/** One text part of an input message (`input_text`, or `output_text` in an earlier answer). */
const textPartSchema = z.looseObject({
  type: z.enum(['input_text', 'output_text'], {
    error: 'expected a text part ({"type": "input_text", "text": ...}); only text input is supported',
  }),
  text: z.string(),
});

/** An input item: a message. Other items (tool calls and outputs, references, reasoning) are refused. */
export const inputItemSchema = z.looseObject({
  type: z
    .literal('message', {
      error:
        'expected a message item ({"role": ..., "content": ...}); tool calls, item references and reasoning items are not supported by tokenscope serve',
    })
    .optional(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), z.array(textPartSchema)], {
    error:
      'expected a string or an array of {"type": "input_text", "text": ...} parts (only text is supported)',
  }),
});

export type InputItem = z.infer<typeof inputItemSchema>;

/**
 * `POST /v1/responses` request body: OpenAI's Responses API fields (text in, text out) plus
 * tokenscope's extensions (`top_k`, `min_p`, `logprobs_distribution`, `tokenscope`). `input` is
 * checked item by item afterwards (`toResponseMessages`), so that an error names the item.
 */
export const responseRequestSchema = z.strictObject({
  model: z.string({ error: 'expected the model id as a string (see GET /v1/models)' }).min(1),
  input: z.union([z.string(), z.array(z.unknown()).min(1, { error: 'expected at least one input item' })], {
    error: 'expected a string or an array of input messages ({"role": "user", "content": ...})',
  }),
  instructions: z.string().nullish(),
  max_output_tokens: z.number().int().min(1).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().gt(0, { message: 'top_p must be greater than 0 and at most 1' }).max(1).nullish(),
  top_logprobs: z.number().int().min(0).nullish(),
  include: z.array(z.enum(INCLUDABLE)).nullish(),
  text: z
    .strictObject({
      format: textFormatSchema.nullish(),
      verbosity: z.enum(['low', 'medium', 'high']).nullish(),
    })
    .nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.strictObject({ include_obfuscation: z.boolean().nullish() }).nullish(),
  /** Accepted; nothing is stored (the answer says `store: false`). */
  store: z.boolean().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  user: z.string().optional(),
  // Extensions, as on chat and completions.
  top_k: z.number().int().min(0).nullish(),
  min_p: z.number().min(0).max(1).nullish(),
  logprobs_distribution: z.enum(['raw', 'processed']).nullish(),
  tokenscope: tokenscopeOptionsSchema,
  // Accepted and ignored: they do not change what is generated.
  parallel_tool_calls: z.boolean().nullish(),
  max_tool_calls: z.number().int().nullish(),
  reasoning: z.unknown().optional(),
  service_tier: z.unknown().optional(),
  safety_identifier: z.unknown().optional(),
  prompt_cache_key: z.unknown().optional(),
  prompt_cache_retention: z.unknown().optional(),
  prompt_cache_options: z.unknown().optional(),
  truncation: z.enum(['auto', 'disabled']).nullish(),
  // Not implemented: only their neutral values are accepted.
  tools: neutralOnly('tools', neutral.isEmptyArray, '[]'),
  tool_choice: neutralOnly('tool_choice', (v) => v === 'none' || v === 'auto', '"auto" or "none"'),
  background: neutralOnly('background', (v) => v === false, 'false'),
  previous_response_id: neutralOnly(
    'previous_response_id',
    () => false,
    'null (this server stores no responses: send the earlier turns in input)',
  ),
  conversation: neutralOnly('conversation', () => false, 'null (send the earlier turns in input)'),
  prompt: neutralOnly('prompt', () => false, 'null'),
  context_management: neutralOnly('context_management', () => false, 'null'),
  moderation: neutralOnly('moderation', () => false, 'null'),
});

export type ResponseRequest = z.infer<typeof responseRequestSchema>;
