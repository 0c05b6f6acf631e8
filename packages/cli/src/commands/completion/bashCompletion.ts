import {
  type CompletionCommand,
  type CompletionOption,
  type CompletionSpec,
  optionNames,
} from './completionSpec.js';

/** `case "$prev"` branches: the choices after an option with fixed values; nothing after another value. */
function valueCases(options: CompletionOption[], indent: string): string[] {
  const lines: string[] = [];
  const free: string[] = [];
  for (const option of options) {
    if (!option.takesValue) continue;
    if (option.choices === undefined) free.push(...optionNames(option));
    else
      lines.push(
        `${indent}${optionNames(option).join('|')}) COMPREPLY=($(compgen -W '${option.choices.join(' ')}' -- "$cur")); return 0 ;;`,
      );
  }
  // any other value: bash's default (file names) completes it
  if (free.length > 0) lines.push(`${indent}${free.join('|')}) return 0 ;;`);
  return lines;
}

function commandCase(command: CompletionCommand): string {
  const words = command.options.flatMap(optionNames).join(' ');
  const positional =
    command.argumentChoices === undefined
      ? ''
      : `\n      else\n        COMPREPLY=($(compgen -W '${command.argumentChoices.join(' ')}' -- "$cur"))`;
  const cases = valueCases(command.options, '        ');
  return [
    `    ${command.name})`,
    ...(cases.length === 0 ? [] : ['      case "$prev" in', ...cases, '      esac']),
    `      if [[ "$cur" == -* ]]; then`,
    `        COMPREPLY=($(compgen -W '${words}' -- "$cur"))${positional}`,
    '      fi',
    `      return 0 ;;`,
  ].join('\n');
}

/**
 * The bash completion script: a function that reads `COMP_WORDS` / `COMP_CWORD` and fills
 * `COMPREPLY`, registered with `complete -o default` so that file names complete wherever the
 * script offers nothing (a FILE argument, `-o FILE`).
 */
export function bashCompletion(spec: CompletionSpec, header: string): string {
  const fn = `_${spec.name.replace(/\W/g, '_')}`;
  const programWords = spec.options.flatMap(optionNames).join(' ');
  const commandWords = spec.commands.map((c) => c.name).join(' ');
  return `${header}
${fn}() {
  local cur prev cmd i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev=""
  (( COMP_CWORD > 0 )) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  # --option=value: bash splits the word at "="
  if [[ "$cur" == "=" ]]; then
    cur=""
  elif [[ "$prev" == "=" ]] && (( COMP_CWORD > 1 )); then
    prev="\${COMP_WORDS[COMP_CWORD-2]}"
  fi
  COMPREPLY=()
  # the command: the first word after the program's own options
  cmd=""
  for (( i = 1; i < COMP_CWORD; i++ )); do
    case "\${COMP_WORDS[i]}" in
      -*) ;;
      *) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$cmd" in
    "")
      if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W '${programWords}' -- "$cur"))
      else
        COMPREPLY=($(compgen -W '${commandWords}' -- "$cur"))
      fi
      return 0 ;;
${spec.commands.map(commandCase).join('\n')}
  esac
  return 0
}
complete -o default -F ${fn} ${spec.name}
`;
}
