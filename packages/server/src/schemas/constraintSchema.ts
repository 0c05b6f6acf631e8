import { z } from 'zod';

/**
 * `tokenscope.constraint`: restricts the output to choices, JSON matching a schema, or a GBNF grammar
 * (local models). The engine checks the details (empty choices, unsupported schema keywords, GBNF
 * that does not parse) and answers 400 naming the field.
 */
export const constraintSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('choices'), choices: z.array(z.string()).min(1) }),
    z.strictObject({ kind: z.literal('json-schema'), schema: z.record(z.string(), z.unknown()) }),
    z.strictObject({ kind: z.literal('grammar'), gbnf: z.string().min(1) }),
  ],
  {
    error:
      'expected {"kind": "choices", "choices": [...]}, {"kind": "json-schema", "schema": {...}} or {"kind": "grammar", "gbnf": "..."}',
  },
);

/**
 * OpenAI's `response_format` (chat): `text` (no constraint), `json_schema` (its `schema` becomes a
 * json-schema constraint) or `json_object` (any JSON object).
 */
export const responseFormatSchema = z
  .discriminatedUnion(
    'type',
    [
      z.looseObject({ type: z.literal('text') }),
      z.looseObject({ type: z.literal('json_object') }),
      z.looseObject({
        type: z.literal('json_schema'),
        json_schema: z.looseObject({
          name: z.string().optional(),
          schema: z.record(z.string(), z.unknown()),
        }),
      }),
    ],
    {
      error:
        'expected {"type": "text"}, {"type": "json_object"} or {"type": "json_schema", "json_schema": {"name": ..., "schema": {...}}}',
    },
  )
  .nullish();
