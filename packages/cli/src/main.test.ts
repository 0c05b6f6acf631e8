import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, isOneLine, REPO_ROOT, runCli } from '../test/cliHarness.js';

beforeAll(ensureBuilt, 120_000);

describe('tokenscope (program)', () => {
  it('prints the version from package.json', () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8'));
    const result = runCli(['--version']);
    expect(result).toMatchObject({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints help with --help (no arguments starts the app: app.test.ts)', () => {
    for (const args of [['--help'], ['-h']]) {
      const result = runCli(args);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage: tokenscope \[options\] \[command\]/);
      expect(result.stdout).toMatch(/analyze \[options\] \[file\]/);
      expect(result.stdout).toMatch(/--debug/);
    }
  });

  it('prints the help of analyze', () => {
    const result = runCli(['analyze', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: tokenscope analyze \[options\] \[file\]/);
    expect(result.stdout).toMatch(/--fail-below <p>/);
  });

  it('reports an unknown option or command on one line, exit 1', () => {
    const option = runCli(['analyze', '--nope']);
    expect(option.status).toBe(1);
    expect(option.stderr).toBe("tokenscope: unknown option '--nope'\n");
    const command = runCli(['frobnicate']);
    expect(command.status).toBe(1);
    expect(command.stderr).toMatch(/^tokenscope: unknown command 'frobnicate'/);
    expect(isOneLine(command.stderr)).toBe(true);
  });
});

describe('withDefaultCommand', () => {
  it('sends no command, or options before any command, to app', async () => {
    const { withDefaultCommand } = await import('./main.js');
    expect(withDefaultCommand([])).toEqual(['app']);
    expect(withDefaultCommand(['--debug'])).toEqual(['--debug', 'app']);
    expect(withDefaultCommand(['--port', '9000', '--no-open'])).toEqual([
      'app',
      '--port',
      '9000',
      '--no-open',
    ]);
    expect(withDefaultCommand(['--debug', '--no-open'])).toEqual(['app', '--debug', '--no-open']);
    expect(withDefaultCommand(['--help'])).toEqual(['--help']);
    expect(withDefaultCommand(['-V'])).toEqual(['-V']);
    expect(withDefaultCommand(['ask', 'hi'])).toEqual(['ask', 'hi']);
    expect(withDefaultCommand(['--debug', 'ask', 'hi'])).toEqual(['--debug', 'ask', 'hi']);
  });

  it('starts the app for `tokenscope --no-open --port ...` and rejects an unknown option in one line', () => {
    const result = runCli(['--no-such-option']);
    expect(result.status).toBe(1);
    expect(isOneLine(result.stderr)).toBe(true);
    expect(result.stderr).toMatch(/unknown option '--no-such-option'/);
  });
});
