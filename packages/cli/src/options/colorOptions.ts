/**
 * `--color` / `--no-color`: one definition for every command. The commands that write ANSI colour
 * (`analyze`, `ask`, `score`, `gate`, `calibrate`) decide with `shouldUseColor` (flag, then
 * NO_COLOR, then FORCE_COLOR, then whether stdout is a terminal); the others write no colour and
 * accept the flags, so that a script or an alias can pass `--no-color` to any command.
 */
import { type Command, Option } from 'commander';

/** `--color`. */
function colorOption(): Option {
  return new Option('--color', 'force colour (ansi output; as FORCE_COLOR=1 does)');
}

/** `--no-color`. */
function noColorOption(): Option {
  return new Option(
    '--no-color',
    'no colour (default: colour when stdout is a terminal, unless NO_COLOR is set)',
  );
}

/** Adds `--color` and `--no-color` to the command. */
export function addColorOptions(command: Command): Command {
  return command.addOption(colorOption()).addOption(noColorOption());
}

/** Adds `--color` and `--no-color` to every subcommand of the program that lacks them. */
export function addColorOptionsEverywhere(program: Command): void {
  for (const command of program.commands) {
    if (!command.options.some((option) => option.long === '--no-color')) addColorOptions(command);
  }
}
