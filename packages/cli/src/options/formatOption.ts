/**
 * `--format`: one definition for every command that prints results. The values follow one
 * convention: `json` everywhere (a stable, documented shape; `--pretty` indents it), `ansi` for an
 * X-ray or table that may be coloured, `text` for plain text, `md` and `html` where a document makes
 * sense. An unknown value is refused with the allowed ones named.
 */
import { Option } from 'commander';
import { UsageError } from '../errors/UsageError.js';

/** `--format <format>` with these choices, the default (none: the command decides) and a description. */
export function formatOption<const F extends string>(
  formats: readonly F[],
  settings: { default?: NoInfer<F>; description?: string } = {},
): Option {
  const option = new Option('--format <format>', settings.description ?? 'output format').choices(formats);
  return settings.default === undefined ? option : option.default(settings.default);
}

/** `--json`, the older spelling of `--format json` (kept working where it was). */
export function jsonAliasOption(): Option {
  return new Option('--json', 'same as --format json').implies({ format: 'json' });
}

/** Refuses `--json` together with a `--format` other than `json`. */
export function checkJsonAlias(options: { json?: boolean; format: string }): void {
  if (options.json === true && options.format !== 'json') {
    throw new UsageError(`--json means --format json; it cannot be used with --format ${options.format}`);
  }
}
