/**
 * The conventions every command shares, through the real binary: `--format json` on each command
 * that prints results (an unknown value names the allowed ones; older spellings keep working), and
 * `--color` / `--no-color` on every command with NO_COLOR / FORCE_COLOR honoured where there is colour.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, FIXTURES, isOneLine, REPO_ROOT, runCli } from '../test/cliHarness.js';

const ESC = '\u001b[';
const MODEL = join(REPO_ROOT, '../shared/models/stories260K.gguf');
const TGI = join(FIXTURES, 'tgi.generate.recorded.json');
const EIFFEL = join(REPO_ROOT, 'packages/core/src/gating/__fixtures__/openai-chat.eiffel.unrecorded.json');
const dir = mkdtempSync(join(tmpdir(), 'tokenscope-conventions-'));

/** Commands that print results, and the values their `--format` takes. */
const FORMATS: Record<string, string[]> = {
  analyze: ['ansi', 'html', 'md', 'json'],
  ask: ['ansi', 'html', 'md', 'json'],
  score: ['ansi', 'html', 'md', 'json'],
  gate: ['ansi', 'md', 'json'],
  calibrate: ['ansi', 'html', 'md', 'json'],
  classify: ['text', 'json'],
  rerank: ['text', 'json'],
  probe: ['text', 'json'],
  report: ['text', 'json', 'html'],
  batch: ['text', 'json', 'html'],
  export: ['csv', 'jsonl', 'parquet'], // a file format: export writes files, not results on stdout
};

beforeAll(() => ensureBuilt(), 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `--help` of each command `tokenscope --help` lists (and `completion`), read once. */
const helpOf = new Map<string, string>();
function commandHelps(): Map<string, string> {
  if (helpOf.size > 0) return helpOf;
  const help = runCli(['--help']).stdout;
  for (const [, name] of help.slice(help.indexOf('Commands:')).matchAll(/^ {2}(\w+)/gm)) {
    if (name !== 'help') helpOf.set(name!, runCli([name!, '--help']).stdout);
  }
  return helpOf;
}

/** A usage error: exit 1, nothing on stdout, one line on stderr. */
function expectUsageError(args: string[], message: RegExp): void {
  const result = runCli(args);
  expect(result.status, result.stderr).toBe(1);
  expect(result.stdout).toBe('');
  expect(isOneLine(result.stderr), result.stderr).toBe(true);
  expect(result.stderr).toMatch(message);
}

describe('--format', () => {
  it('every command that prints results takes --format, json among its values', () => {
    for (const [name, help] of commandHelps()) {
      const choices = /--format <format>[\s\S]*?choices: ([^)]*)/.exec(help)?.[1];
      if (FORMATS[name] === undefined) {
        expect(help, `${name} prints no results`).not.toContain('--format');
        continue;
      }
      expect(choices?.replace(/\s+/g, ' '), name).toContain(FORMATS[name]!.map((f) => `"${f}"`).join(', '));
    }
  });

  it('an unknown value is one line naming the allowed ones', () => {
    expectUsageError(
      ['analyze', TGI, '--format', 'yaml'],
      /'yaml' is invalid\. Allowed choices are ansi, html, md, json\./,
    );
    expectUsageError(['gate', EIFFEL, '--format', 'html'], /Allowed choices are ansi, md, json\./);
    expectUsageError(
      ['rerank', '--prompt', 'p', 'a', 'b', '--format', 'ansi'],
      /Allowed choices are text, json\./,
    );
    expectUsageError(
      ['probe', '--base-url', 'http://127.0.0.1:9/v1', '--format', 'yaml'],
      /Allowed choices are text, json\./,
    );
    expectUsageError(['report', '--format', 'md'], /Allowed choices are text, json, html\./);
  });

  it('probe: --json is still --format json, and refuses another --format', () => {
    expect(runCli(['probe', '--help']).stdout).toMatch(/--json\s+same as --format json/);
    expectUsageError(
      ['probe', '--base-url', 'http://127.0.0.1:9/v1', '--json', '--format', 'text'],
      /--json means --format json; it cannot be used with --format text/,
    );
  });

  it('batch: --format json prints the summary as JSON; --summary (and none) still works, not with --format', () => {
    const input = join(dir, 'rows.jsonl');
    const recorded = JSON.parse(readFileSync(TGI, 'utf8')) as unknown;
    writeFileSync(input, `${JSON.stringify({ id: 'a', recorded })}\n`);
    const dataDir = join(dir, 'data');
    const json = runCli(['batch', input, '--dataset', 'd', '--data-dir', dataDir, '--format', 'json']);
    expect(json.status, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).total.answers).toBe(1);
    const none = runCli(['batch', input, '--dataset', 'd', '--data-dir', dataDir, '--summary', 'none']);
    expect(none.status, none.stderr).toBe(0);
    expect(none.stdout).toBe('');
    expectUsageError(
      ['batch', input, '--dataset', 'd', '--data-dir', dataDir, '--format', 'json', '--summary', 'none'],
      /'--format <format>' cannot be used with option '--summary <format>'/,
    );
  });

  it('rerank and classify print JSON with --format json (and take --no-color)', () => {
    const asJson = ['-m', MODEL, '--format', 'json', '--no-color'];
    const rerank = runCli(['rerank', '--prompt', 'Once upon a time, there was a', 'girl', 'dog', ...asJson]);
    expect(rerank.status, rerank.stderr).toBe(0);
    const ranked = JSON.parse(rerank.stdout);
    expect(ranked.model).toBe('stories260K');
    expect(ranked.candidates.map((c: { text: string }) => c.text)).toEqual(['girl', 'dog']);
    expect(Object.keys(ranked.rankings).sort()).toEqual(['mean', 'normalized', 'total']);

    const classify = runCli(['classify', 'The dog was happy.', '--labels', 'happy,sad', ...asJson]);
    expect(classify.status, classify.stderr).toBe(0);
    const result = JSON.parse(classify.stdout);
    expect(result.method).toBe('exact');
    expect(result.labels.map((l: { label: string }) => l.label)).toEqual(['happy', 'sad']);
  }, 60_000);
});

describe('--color / --no-color', () => {
  it('every command takes both', () => {
    expect([...commandHelps().keys()]).toContain('completion');
    for (const [name, help] of commandHelps()) {
      expect(help, name).toMatch(/^\s+--color\s/m);
      expect(help, name).toMatch(/^\s+--no-color\s/m);
    }
    // a command without colour accepts them: the error is about the missing input, not the flag
    expectUsageError(['rerank', '--no-color', '--prompt', 'p'], /no candidates/);
    expectUsageError(
      ['report', '--color', '--data-dir', join(dir, 'empty'), '--dataset', 'none'],
      /no runs in dataset "none"/,
    );
  });

  it('gate and calibrate honour them as analyze does: flag, then NO_COLOR, then FORCE_COLOR', () => {
    const calibration = join(
      REPO_ROOT,
      'packages/core/src/calibration/__fixtures__/overconfident.synthetic.jsonl',
    );
    for (const args of [
      ['gate', EIFFEL],
      ['calibrate', calibration, '--bootstrap', '0'],
    ]) {
      expect(runCli(args).stdout).not.toContain(ESC); // not a terminal
      expect(runCli(args, { env: { FORCE_COLOR: '1' } }).stdout).toContain(ESC);
      expect(runCli([...args, '--color']).stdout).toContain(ESC);
      expect(runCli(args, { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
      expect(runCli([...args, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
    }
  });
});
