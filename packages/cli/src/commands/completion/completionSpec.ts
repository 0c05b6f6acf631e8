/**
 * What a completion script needs to know, read from the commander program itself (its commands,
 * their options, the choices of options and arguments with fixed choices), so the scripts never
 * drift from the CLI.
 */
import type { Command, Option } from 'commander';

export interface CompletionOption {
  /** `-o`, when the option has a short form. */
  short?: string;
  /** `--output`. */
  long?: string;
  description: string;
  /** Whether a value follows (`--output <file>`). */
  takesValue: boolean;
  /** The fixed values the option accepts (`--format <format>`: ansi, html, md, json). */
  choices?: readonly string[];
}

export interface CompletionCommand {
  name: string;
  description: string;
  options: CompletionOption[];
  /** Whether the command takes positional arguments. */
  takesArguments: boolean;
  /** Fixed values of its arguments (`completion <shell>`; `help <command>`: the command names). */
  argumentChoices?: readonly string[];
}

export interface CompletionSpec {
  /** The program's name: `tokenscope`. */
  name: string;
  /** Options given before any command (`--version`, `--debug`, `--help`). */
  options: CompletionOption[];
  commands: CompletionCommand[];
}

/** Words the scripts hold unquoted: option names, command names and choices. */
const PLAIN_WORD = /^[\w.:/@+%=,-]+$/;

function plainWord(word: string): string {
  if (!PLAIN_WORD.test(word)) throw new Error(`completion: ${JSON.stringify(word)} needs quoting`);
  return word;
}

/** The first line of a description. */
function describe(text: string): string {
  return text.split('\n')[0]!.trim();
}

function optionOf(option: Option): CompletionOption {
  return {
    ...(option.short === undefined ? {} : { short: plainWord(option.short) }),
    ...(option.long === undefined ? {} : { long: plainWord(option.long) }),
    description: describe(option.description),
    takesValue: option.required || option.optional,
    ...(option.argChoices === undefined ? {} : { choices: option.argChoices.map(plainWord) }),
  };
}

/** The completion spec of a commander program: its visible commands and options, in help order. */
export function completionSpec(program: Command): CompletionSpec {
  const help = program.createHelp();
  const commands = help.visibleCommands(program);
  const names = commands.map((command) => plainWord(command.name()));
  return {
    name: plainWord(program.name()),
    options: help.visibleOptions(program).map(optionOf),
    commands: commands.map((command) => {
      const choices = command.registeredArguments.flatMap((argument) => argument.argChoices ?? []);
      // commander's own `help [command]` takes a command name
      const argumentChoices =
        command.name() === 'help' && choices.length === 0 ? names.filter((n) => n !== 'help') : choices;
      return {
        name: plainWord(command.name()),
        description: describe(command.description()),
        options: help.visibleOptions(command).map(optionOf),
        takesArguments: command.registeredArguments.length > 0,
        ...(argumentChoices.length === 0 ? {} : { argumentChoices: argumentChoices.map(plainWord) }),
      };
    }),
  };
}

/** The option's names as typed: `-o`, `--output`. */
export function optionNames(option: CompletionOption): string[] {
  return [option.short, option.long].filter((name): name is string => name !== undefined);
}
