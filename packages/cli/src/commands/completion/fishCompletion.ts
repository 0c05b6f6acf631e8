import type { CompletionOption, CompletionSpec } from './completionSpec.js';

/** A single-quoted fish word. */
function quoted(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** The `complete` flags of an option: names, value (choices, or a file) and description. */
function optionFlags(option: CompletionOption): string {
  const names = [
    ...(option.short === undefined ? [] : [`-s ${option.short.slice(1)}`]),
    ...(option.long === undefined ? [] : [`-l ${option.long.slice(2)}`]),
  ];
  const value = !option.takesValue
    ? []
    : option.choices === undefined
      ? ['-r', '-F']
      : ['-x', `-a ${quoted(option.choices.join(' '))}`];
  return [...names, ...value, `-d ${quoted(option.description)}`].join(' ');
}

/**
 * The fish completion script, for `~/.config/fish/completions/`: no file names unless an
 * argument or an option value may be one; commands first, then each command's options and arguments.
 */
export function fishCompletion(spec: CompletionSpec, header: string): string {
  const c = `complete -c ${spec.name}`;
  const lines = [header, `${c} -f`];
  for (const option of spec.options) lines.push(`${c} -n __fish_use_subcommand ${optionFlags(option)}`);
  for (const command of spec.commands) {
    lines.push(`${c} -n __fish_use_subcommand -a ${command.name} -d ${quoted(command.description)}`);
  }
  for (const command of spec.commands) {
    const when = `-n '__fish_seen_subcommand_from ${command.name}'`;
    for (const option of command.options) lines.push(`${c} ${when} ${optionFlags(option)}`);
    if (command.argumentChoices !== undefined) {
      lines.push(`${c} ${when} -a ${quoted(command.argumentChoices.join(' '))}`);
    } else if (command.takesArguments) {
      lines.push(`${c} ${when} -F`);
    }
  }
  return `${lines.join('\n')}\n`;
}
