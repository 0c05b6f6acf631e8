import { type ConstraintInfo, InvalidOptionError } from '@tokenscope/core';
import type { Llama, LlamaGrammar } from 'node-llama-cpp';
import { UntokenizableTextError } from '../errors/UntokenizableTextError.js';
import { checkJsonSchema } from './checkJsonSchema.js';
import { choicesGrammar, gbnfLiteral } from './choicesGrammar.js';
import {
  type CompletenessCheck,
  choicesCompleteness,
  grammarCompleteness,
  jsonSchemaCompleteness,
} from './constraintCompleteness.js';
import { gbnfLiterals } from './gbnfLiterals.js';

/** A constraint ready for generation: the grammar llama.cpp runs, and how reports name it. */
export interface PreparedConstraint {
  grammar: LlamaGrammar;
  info: ConstraintInfo;
  /** Whether an output satisfies the constraint to its end (`ConstraintInfo.complete`). */
  completeness: CompletenessCheck;
}

/** Longest `ConstraintInfo.description`. */
const DESCRIPTION_MAX = 160;

/**
 * node-llama-cpp ends a JSON-schema grammar's root rule with four mandatory newlines (its chat
 * session stops on them); a plain generation ends at the closing brace instead, with end of text.
 */
const JSON_GRAMMAR_TAIL = ' "\\n\\n\\n\\n" [\\n]*';

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > DESCRIPTION_MAX ? `${line.slice(0, DESCRIPTION_MAX - 1)}…` : line;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Throws `UntokenizableTextError` for text the model's vocabulary cannot encode (`Vocabulary.assertTokenizable`). */
type TokenizableCheck = (text: string) => void;

/**
 * Every literal of the grammar must be writable by the model: otherwise llama.cpp's grammar dead-ends
 * mid-answer ("Unexpected empty grammar stack"). Throws `InvalidOptionError` naming the literal and
 * the character.
 */
function checkLiterals(gbnf: string, option: string, check: TokenizableCheck): void {
  for (const literal of gbnfLiterals(gbnf)) {
    try {
      check(literal);
    } catch (error) {
      if (!(error instanceof UntokenizableTextError)) throw error;
      const code = error.character.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
      throw new InvalidOptionError(
        option,
        `${error.modelId} can never write ${gbnfLiteral(literal)}: its vocabulary lacks ${JSON.stringify(error.character)} (U+${code}) and has no byte fallback; remove that character from the constraint or use another model`,
      );
    }
  }
}

async function gbnfGrammar(
  llama: Llama,
  gbnf: string,
  option: string,
  check: TokenizableCheck,
): Promise<LlamaGrammar> {
  checkLiterals(gbnf, option, check);
  try {
    return await llama.createGrammar({ grammar: gbnf });
  } catch (error) {
    throw new InvalidOptionError(
      option,
      option === 'constraint.schema'
        ? `llama.cpp could not build a grammar for the schema (${message(error)}); keep lengths and counts (minLength, maxLength, minItems, maxItems) to a few hundred`
        : `llama.cpp could not parse the GBNF grammar (${message(error)}); check rule names, quoting, that every rule used is defined and that a "root" rule exists`,
    );
  }
}

/** node-llama-cpp's generic signature cannot take a schema only known at run time. */
type JsonGrammarFactory = (schema: object) => Promise<LlamaGrammar & { parse(json: string): unknown }>;

async function jsonSchemaGrammar(
  llama: Llama,
  schema: unknown,
  check: TokenizableCheck,
): Promise<{ grammar: LlamaGrammar; parse: (json: string) => unknown }> {
  const checked = checkJsonSchema(schema);
  const createJsonGrammar = llama.createGrammarForJsonSchema.bind(llama) as unknown as JsonGrammarFactory;
  let gbnf: string;
  let parse: (json: string) => unknown;
  try {
    const jsonGrammar = await createJsonGrammar(checked);
    gbnf = jsonGrammar.grammar;
    parse = (json) => jsonGrammar.parse(json);
  } catch (error) {
    throw new InvalidOptionError(
      'constraint.schema',
      `${message(error)}: check $ref targets and $defs, and keep lengths and counts (minLength, maxItems, ...) to a few hundred`,
    );
  }
  const lines = gbnf.split('\n');
  const root = lines.findIndex((l) => l.startsWith('root ::=') && l.endsWith(JSON_GRAMMAR_TAIL));
  if (root >= 0) lines[root] = lines[root]!.slice(0, -JSON_GRAMMAR_TAIL.length);
  return { grammar: await gbnfGrammar(llama, lines.join('\n'), 'constraint.schema', check), parse };
}

/**
 * Checks a `GenerateRequest.constraint` and builds its grammar. Throws `InvalidOptionError` naming
 * the field (`constraint.kind`, `constraint.choices`, `constraint.schema`, `constraint.gbnf`), also
 * when the constraint holds text that the model's vocabulary cannot encode (`check`).
 */
export async function prepareConstraint(
  llama: Llama,
  constraint: unknown,
  distribution: 'raw' | 'processed',
  check: TokenizableCheck,
): Promise<PreparedConstraint> {
  if (distribution !== 'raw') {
    throw new InvalidOptionError(
      'distribution',
      "expected 'raw' with a constraint (tokens report the raw distribution, and `constrained` the allowed one)",
    );
  }
  if (typeof constraint !== 'object' || constraint === null) {
    throw new InvalidOptionError(
      'constraint',
      'expected an object with a kind: choices, json-schema or grammar',
    );
  }
  const c = constraint as { kind?: unknown; choices?: unknown; schema?: unknown; gbnf?: unknown };
  switch (c.kind) {
    case 'choices': {
      const gbnf = choicesGrammar(c.choices);
      const choices = [...new Set(c.choices as string[])];
      return {
        grammar: await gbnfGrammar(llama, gbnf, 'constraint.choices', check),
        info: { kind: 'choices', description: clip(choices.map(gbnfLiteral).join(' | ')) },
        completeness: choicesCompleteness(choices),
      };
    }
    case 'json-schema': {
      const json = await jsonSchemaGrammar(llama, c.schema, check);
      return {
        grammar: json.grammar,
        info: { kind: 'json-schema', description: clip(JSON.stringify(c.schema)) },
        completeness: jsonSchemaCompleteness(json.parse),
      };
    }
    case 'grammar': {
      if (typeof c.gbnf !== 'string' || c.gbnf.trim() === '') {
        throw new InvalidOptionError('constraint.gbnf', 'expected GBNF grammar text with a "root" rule');
      }
      if (!/^\s*root\s*::=/m.test(c.gbnf)) {
        throw new InvalidOptionError(
          'constraint.gbnf',
          'expected a "root ::= ..." rule, where generation starts',
        );
      }
      const first = c.gbnf.split('\n').find((l) => /^\s*root\s*::=/.test(l)) ?? '';
      return {
        grammar: await gbnfGrammar(llama, c.gbnf, 'constraint.gbnf', check),
        info: { kind: 'grammar', description: clip(first) },
        completeness: grammarCompleteness,
      };
    }
    default:
      throw new InvalidOptionError(
        'constraint.kind',
        `expected "choices", "json-schema" or "grammar", got ${JSON.stringify(c.kind) ?? String(c.kind)}`,
      );
  }
}
