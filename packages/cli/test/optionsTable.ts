import type { Command } from 'commander';

/** The Markdown table of a command's options, as docs/cli.md shows it, built from the definition. */
export function optionsTable(command: Command): string {
  const help = command.createHelp();
  const rows = help.visibleOptions(command).map((option) => {
    const extra: string[] = [];
    if (option.argChoices) extra.push(`one of: ${option.argChoices.map((c) => `\`${c}\``).join(', ')}`);
    if (option.defaultValue !== undefined && option.defaultValue !== false) {
      extra.push(`default: \`${option.defaultValueDescription ?? String(option.defaultValue)}\``);
    }
    const description = [option.description, ...extra].filter(Boolean).join('; ');
    return `| \`${option.flags}\` | ${description.replaceAll('|', '\\|')} |`;
  });
  return ['| option | meaning |', '|---|---|', ...rows].join('\n');
}
