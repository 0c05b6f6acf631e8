/**
 * `tokenscope completion bash|zsh|fish` through the real binary: the bash script is sourced in a
 * real bash and its function called as bash calls it; the zsh and fish scripts are checked by their
 * shells (`zsh -n`, `fish -n`, fish's own `complete -C`) where those are installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, isOneLine, REPO_ROOT, runCli } from '../test/cliHarness.js';

/** Drives a real interactive zsh to complete a line (see the script). */
const ZSH_DRIVER = join(REPO_ROOT, 'packages/cli/test/completeWithZsh.zsh');
const dir = mkdtempSync(join(tmpdir(), 'tokenscope-completion-'));
const has = (shell: string): boolean => spawnSync(shell, ['-c', 'exit 0']).status === 0;

/** The script for `shell`, written to a file. */
function script(shell: string): string {
  const result = runCli(['completion', shell]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const file = join(dir, `tokenscope.${shell}`);
  writeFileSync(file, result.stdout);
  return file;
}

let bashFile: string;

beforeAll(() => {
  ensureBuilt();
  bashFile = script('bash');
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What bash offers for the command line `words` (the last word is the one being completed). */
function bashComplete(...words: string[]): string[] {
  const result = spawnSync(
    'bash',
    [
      '-c',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: bash's ${...}, not a template
      'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _tokenscope; printf "%s\\n" "${COMPREPLY[@]}"',
      'bash',
      bashFile,
      'tokenscope',
      ...words,
    ],
    { encoding: 'utf8' },
  );
  expect(result.stderr).toBe('');
  return result.stdout.split('\n').filter((line) => line !== '');
}

/** The command names `tokenscope --help` lists. */
function helpCommands(): string[] {
  const help = runCli(['--help']).stdout;
  return [...help.slice(help.indexOf('Commands:')).matchAll(/^ {2}(\w+)/gm)].map((m) => m[1]!);
}

describe('tokenscope completion bash', () => {
  it('completes command names, options and the choices of an option', () => {
    expect(bashComplete('an')).toEqual(['analyze']);
    expect(bashComplete('analyze', '--fo')).toEqual(['--format']);
    expect(bashComplete('analyze', '--format', '')).toEqual(['ansi', 'html', 'md', 'json']);
    expect(bashComplete('analyze', 'file.json', '--format', 'j')).toEqual(['json']);
    expect(bashComplete('analyze', '--format', '=', '')).toEqual(['ansi', 'html', 'md', 'json']);
    expect(bashComplete('--debug', 'rerank', '--length-penalty', '')).toEqual(['power', 'gnmt']);
    expect(bashComplete('completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(bashComplete('--ver')).toEqual(['--version']);
  });

  it('is generated from the program: every command of --help, the new options included', () => {
    expect(bashComplete('')).toEqual([...helpCommands()]);
    expect(bashComplete('probe', '--')).toEqual(expect.arrayContaining(['--format', '--json', '--no-color']));
    expect(bashComplete('serve', '--no-c')).toEqual(['--no-color']);
    expect(bashComplete('help', 'cl')).toEqual(['classify']);
  });

  it('offers nothing after an option that takes a free value, so bash completes file names', () => {
    expect(bashComplete('analyze', '-o', '')).toEqual([]);
    expect(bashComplete('analyze', '')).toEqual([]);
  });
});

describe('tokenscope completion zsh / fish', () => {
  it('zsh: a #compdef script that defines _tokenscope and registers it', () => {
    const text = runCli(['completion', 'zsh']).stdout;
    expect(text.startsWith('#compdef tokenscope\n')).toBe(true);
    expect(text).toContain("'--format[report format]:value:(ansi html md json)'");
    expect(text).toContain('compdef _tokenscope tokenscope');
  });

  it.skipIf(!has('zsh'))('zsh -n parses it', () => {
    const result = spawnSync('zsh', ['-n', script('zsh')], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.skipIf(!has('zsh'))(
    'zsh completes with it, in a real interactive zsh (zpty)',
    () => {
      const file = script('zsh');
      const complete = (line: string): string[] => {
        const out = join(dir, 'zsh.out');
        spawnSync('zsh', [ZSH_DRIVER, file, out, line], { encoding: 'utf8', timeout: 20_000 });
        return readFileSync(out, 'utf8')
          .split('\n')
          .filter((l) => l !== '');
      };
      expect(complete('tokenscope an')).toEqual(['analyze']);
      expect(complete('tokenscope analyze --fo')).toEqual(['--format']);
      expect(complete('tokenscope analyze --format ')).toEqual(['ansi', 'html', 'md', 'json']);
      expect(complete('tokenscope completion ')).toEqual(['bash', 'zsh', 'fish']);
    },
    60_000,
  );

  it('fish: complete lines for the commands and their options', () => {
    const text = runCli(['completion', 'fish']).stdout;
    expect(text).toMatch(/^complete -c tokenscope -n __fish_use_subcommand -a analyze -d /m);
    expect(text).toContain(
      "complete -c tokenscope -n '__fish_seen_subcommand_from analyze' -l format -x -a 'ansi html md json'",
    );
  });

  it.skipIf(!has('fish'))('fish -n parses it, and fish completes with it', () => {
    const file = script('fish');
    const parsed = spawnSync('fish', ['-n', file], { encoding: 'utf8' });
    expect(parsed.stderr).toBe('');
    expect(parsed.status).toBe(0);
    const complete = (line: string): string[] =>
      spawnSync('fish', ['-c', `source $argv[1]; complete -C '${line}'`, file], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter((l) => l !== '')
        .map((l) => l.split('\t')[0]!);
    expect(complete('tokenscope an')).toEqual(['analyze']);
    expect(complete('tokenscope analyze --fo')).toEqual(['--format']);
    expect(complete('tokenscope analyze --format ').sort()).toEqual(['ansi', 'html', 'json', 'md']);
  });
});

describe('tokenscope completion: usage', () => {
  it('an unknown shell is one line naming the supported ones', () => {
    const result = runCli(['completion', 'powershell']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(isOneLine(result.stderr)).toBe(true);
    expect(result.stderr).toMatch(/powershell.*bash, zsh, fish/);
  });

  it('--help says how to install each script', () => {
    const help = runCli(['completion', '--help']).stdout;
    expect(help).toContain(
      'tokenscope completion bash > ~/.local/share/bash-completion/completions/tokenscope',
    );
    expect(help).toContain('tokenscope completion fish > ~/.config/fish/completions/tokenscope.fish');
    expect(help).toContain('_tokenscope');
  });
});
