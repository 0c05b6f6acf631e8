/**
 * What a constrained generation may produce (`GenerateRequest.constraint`):
 * - `choices`: exactly one of the strings (the model picks, token by token, among their prefixes);
 * - `json-schema`: JSON that matches the schema (node-llama-cpp's subset of JSON Schema: `type`,
 *   `properties`, `additionalProperties`, `items`, `prefixItems`, `enum`, `const`, `oneOf`/`anyOf`,
 *   `$defs`/`$ref`, `minLength`/`maxLength`, `minItems`/`maxItems`, string `format` date, time,
 *   date-time; every listed property is generated);
 * - `grammar`: text that a GBNF grammar (llama.cpp's format, root rule `root`) accepts.
 */
export type GenerationConstraint =
  | { kind: 'choices'; choices: string[] }
  | { kind: 'json-schema'; schema: object }
  | { kind: 'grammar'; gbnf: string };
