import { spawn } from 'node:child_process';
import { BIN, type CliResult, REPO_ROOT } from './cliHarness.js';

/**
 * Runs the real binary without blocking this process (unlike `runCli`), so that a server running in
 * the test process can answer it. Colour variables and API key variables are cleared unless given.
 */
export function runCliAsync(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  const merged: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
    TOKENSCOPE_API_KEY: undefined,
    OPENAI_API_KEY: undefined,
    ...env,
  };
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += String(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += String(chunk);
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr, ms: performance.now() - started }));
  });
}
