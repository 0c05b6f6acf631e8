import type { CompletionCommand, CompletionOption, CompletionSpec } from './completionSpec.js';
import { optionNames } from './completionSpec.js';

/** Text inside a single-quoted word. */
function quoted(text: string): string {
  return text.replaceAll("'", "'\\''");
}

/** A description inside an `_arguments` spec's brackets (as clap_complete escapes help text). */
function bracketed(text: string): string {
  return quoted(text.replace(/[\\[\]:$`]/g, (c) => `\\${c}`));
}

/** `_arguments` specs of an option: `'--format[report format]:format:(ansi html md json)'`. */
function optionSpecs(option: CompletionOption): string[] {
  const value = !option.takesValue
    ? ''
    : option.choices === undefined
      ? ':value:_files'
      : `:value:(${option.choices.join(' ')})`;
  return optionNames(option).map((name) => `'${name}[${bracketed(option.description)}]${value}'`);
}

function argumentSpec(command: CompletionCommand): string[] {
  if (command.argumentChoices !== undefined) return [`'*: :(${command.argumentChoices.join(' ')})'`];
  return command.takesArguments ? ["'*: :_files'"] : [];
}

function commandCase(command: CompletionCommand): string {
  const specs = [...command.options.flatMap(optionSpecs), ...argumentSpec(command)];
  return `        ${command.name})\n          _arguments -s \\\n            ${specs.join(' \\\n            ')}\n          ;;`;
}

/**
 * The zsh completion script, for a folder in `$fpath` (as `_tokenscope`) or to `source`: the
 * program's options and commands, then per command its options (choices offered) and arguments.
 */
export function zshCompletion(spec: CompletionSpec, header: string): string {
  const fn = `_${spec.name.replace(/\W/g, '_')}`;
  const programSpecs = spec.options.flatMap(optionSpecs);
  const commands = spec.commands.map((c) => `        '${c.name}:${quoted(c.description)}'`);
  return `#compdef ${spec.name}
${header}
${fn}() {
  local curcontext="$curcontext" state line
  typeset -A opt_args
  _arguments -C -s \\
    ${programSpecs.join(' \\\n    ')} \\
    '1: :->command' \\
    '*:: :->argument'
  case $state in
    command)
      local -a commands
      commands=(
${commands.join('\n')}
      )
      _describe -t commands '${spec.name} command' commands
      ;;
    argument)
      case $line[1] in
${spec.commands.map(commandCase).join('\n')}
      esac
      ;;
  esac
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${spec.name}
fi
`;
}
