/**
 * `--choices`, `--json-schema FILE`, `--grammar FILE`: constrained generation on a local model, and
 * the code that turns them into the engine's `GenerateRequest.constraint`.
 */
import { readFile } from 'node:fs/promises';
import type { GenerationConstraint } from '@tokenscope/local';
import { type Command, Option } from 'commander';
import { FileAccessError } from '../errors/FileAccessError.js';
import { UsageError } from '../errors/UsageError.js';

/** The constraint options, as commander parses them. */
export interface ConstraintOptions {
  choices?: string[];
  jsonSchema?: string;
  grammar?: string;
}

const NAMES = ['choices', 'jsonSchema', 'grammar'] as const;

/**
 * `--choices "yes,no,maybe"`: split at commas and trimmed; or a JSON array of strings
 * (`'[" yes", "a, b"]'`) to keep spaces and commas.
 */
export function parseChoices(value: string): string[] {
  if (value.trimStart().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw new UsageError(
        `--choices: expected a JSON array of strings, got invalid JSON (${(error as Error).message})`,
      );
    }
    if (!Array.isArray(parsed) || !parsed.every((c) => typeof c === 'string')) {
      throw new UsageError('--choices: expected a JSON array of strings, e.g. \'[" yes", " no"]\'');
    }
    return parsed;
  }
  return value.split(',').map((c) => c.trim());
}

/** Adds the three constraint options (at most one may be given). */
export function addConstraintOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--choices <list>',
        'local: the answer must be one of these, comma-separated or a JSON array of strings',
      )
        .argParser(parseChoices)
        .conflicts(['jsonSchema', 'grammar']),
    )
    .addOption(
      new Option(
        '--json-schema <file>',
        'local: the answer must be JSON matching this JSON schema file',
      ).conflicts('grammar'),
    )
    .addOption(
      new Option(
        '--grammar <file>',
        'local: the answer must match this GBNF grammar file (root rule "root")',
      ),
    );
}

async function readConstraintFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new FileAccessError('read', path, error);
  }
}

/** The engine constraint the options ask for, with its file read; undefined when none was given. */
export async function readConstraint(options: ConstraintOptions): Promise<GenerationConstraint | undefined> {
  if (options.choices !== undefined) return { kind: 'choices', choices: options.choices };
  if (options.jsonSchema !== undefined) {
    const text = await readConstraintFile(options.jsonSchema);
    let schema: unknown;
    try {
      schema = JSON.parse(text);
    } catch (error) {
      throw new UsageError(
        `--json-schema ${options.jsonSchema}: expected a JSON schema, got invalid JSON (${(error as Error).message})`,
      );
    }
    return { kind: 'json-schema', schema: schema as object };
  }
  if (options.grammar !== undefined)
    return { kind: 'grammar', gbnf: await readConstraintFile(options.grammar) };
  return undefined;
}

/** True when any constraint option was given. */
export function hasConstraint(options: ConstraintOptions): boolean {
  return NAMES.some((name) => options[name] !== undefined);
}
