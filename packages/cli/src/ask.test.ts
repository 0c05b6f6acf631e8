import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CliResult,
  ensureBuilt,
  isOneLine,
  REPO_ROOT,
  type RunOptions,
  runCli,
} from '../test/cliHarness.js';

const MODELS = process.env.TOKENSCOPE_MODELS_DIR ?? resolve(REPO_ROOT, '../shared/models');
const STORIES = join(MODELS, 'stories260K.gguf');
const TINY = join(MODELS, 'TinyStories-656K-Q8_0.gguf');
const CRASHING_HOST = join(REPO_ROOT, 'packages/local/test/crashingHost.mjs');

/** Runs `tokenscope ask` on one thread, with no model variables from the environment. */
function ask(args: string[], options: RunOptions = {}): CliResult {
  return runCli(['ask', ...args, '--threads', '1'], {
    ...options,
    env: { TOKENSCOPE_MODEL: undefined, TOKENSCOPE_MODELS_DIR: undefined, ...options.env },
  });
}

interface JsonToken {
  text: string;
  logprob: number | null;
  top: Array<{ text: string; logprob: number | null }>;
}

beforeAll(ensureBuilt, 180_000);

describe('tokenscope ask', () => {
  it('generates on a local model and prints the JSON report', () => {
    const result = ask([
      'Once upon a time',
      '--model',
      STORIES,
      '--format',
      'json',
      '--top-logprobs',
      '3',
      '--max-tokens',
      '12',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as {
      text: string;
      source: { format: string; model: string; topK: number; distribution: string };
      tokens: JsonToken[];
    };
    expect(report.source).toMatchObject({
      format: 'openai-completions',
      model: 'stories260K',
      topK: 3,
      distribution: 'raw',
    });
    expect(report.tokens.length).toBeGreaterThan(0);
    expect(report.tokens.length).toBeLessThanOrEqual(12);
    expect(report.text.length).toBeGreaterThan(0);
    expect(report.tokens.map((t) => t.text).join('')).toBe(report.text);
    for (const token of report.tokens) {
      expect(token.logprob).not.toBeNull();
      expect(token.logprob!).toBeLessThanOrEqual(0);
      expect(token.top).toHaveLength(3);
      for (const alt of token.top) expect(alt.logprob!).toBeLessThanOrEqual(0);
    }
    // Greedy: every token is the top choice.
    for (const token of report.tokens) expect(token.top[0]!.text).toBe(token.text);
  });

  it('prints the ANSI X-ray without colour under NO_COLOR', () => {
    const result = ask(['Once upon a time', '--model', STORIES, '--max-tokens', '8'], {
      env: { NO_COLOR: '1' },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stdout).toMatch(/Summary: \d+ tokens · mean logprob -?\d/);
    expect(result.stdout).toContain("Logprobs measure the model's confidence, not truth.");
  });

  it('writes the report to a file and applies the gate like analyze (exit 2)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tokenscope-ask-')), 'xray.html');
    const result = ask([
      'Once upon a time',
      '--model',
      STORIES,
      '--max-tokens',
      '8',
      '--format',
      'html',
      '-o',
      out,
      '--fail-below',
      '1',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^tokenscope: gate failed: \d+ tokens? below 100 %/);
    expect(readFileSync(out, 'utf8')).toMatch(
      /^<!doctype html>[\s\S]*<title>Tokenscope: stories260K<\/title>/,
    );
  });

  it('takes sampling options, --chat and --stop', () => {
    const args = ['Tell me a story', '--model', STORIES, '--chat', '--temperature', '0.8', '--top-p', '0.9'];
    args.push('--seed', '7', '--max-tokens', '8', '--stop', '\n\n', '--stop', 'END');
    args.push('--distribution', 'processed', '--format', 'json');
    const result = ask(args);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { source: { format: string; distribution: string } };
    expect(report.source).toMatchObject({ format: 'openai-chat', distribution: 'processed' });
    const again = ask(args);
    expect(again.stdout).toBe(result.stdout);
  });

  it('finds a default model and says which, and how', () => {
    const shared = ask(['Once', '--max-tokens', '2', '--format', 'json']);
    expect(shared.status).toBe(0);
    // Run from the repository, ../shared/models holds both test models; stories260K is preferred.
    expect(shared.stderr).toBe('model: stories260K.gguf (from ../shared/models)\n');

    const dir = mkdtempSync(join(tmpdir(), 'tokenscope-models-'));
    symlinkSync(STORIES, join(dir, 'b.gguf'));
    symlinkSync(STORIES, join(dir, 'a.gguf'));
    const fromDir = ask(['Once', '--max-tokens', '2', '--format', 'json'], {
      env: { TOKENSCOPE_MODELS_DIR: dir },
    });
    expect(fromDir.stderr).toBe('model: a.gguf (from $TOKENSCOPE_MODELS_DIR)\n');
    expect(fromDir.status).toBe(0);

    const fromVar = ask(['Once', '--max-tokens', '2', '--format', 'json'], {
      env: { TOKENSCOPE_MODEL: STORIES },
    });
    expect(fromVar.stderr).toBe(`model: ${STORIES} (from $TOKENSCOPE_MODEL)\n`);

    const cwd = mkdtempSync(join(tmpdir(), 'tokenscope-cwd-'));
    mkdirSync(join(cwd, 'models'));
    symlinkSync(STORIES, join(cwd, 'models', 'local.gguf'));
    const fromCwd = ask(['Once', '--max-tokens', '2', '--format', 'json'], { cwd });
    expect(fromCwd.stderr).toBe('model: local.gguf (from ./models)\n');
  }, 120_000);

  it('explains, on one line, that no model was found', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tokenscope-empty-'));
    const result = ask(['Once'], { cwd });
    expect(result.status).toBe(1);
    expect(isOneLine(result.stderr)).toBe(true);
    expect(result.stderr).toMatch(
      /^tokenscope: no model given and none found: pass --model PATH\|URL\|hf:owner\/repo:QUANT, set \$TOKENSCOPE_MODEL, or put a \.gguf file in \.\/models, \.\.\/shared\/models/,
    );
    const missing = ask(['Once', '--model', join(cwd, 'nope.gguf')]);
    expect(missing.status).toBe(1);
    expect(isOneLine(missing.stderr)).toBe(true);
    expect(missing.stderr).toContain('nope.gguf');
  });

  it('rejects bad option values on one line, before loading anything', () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['--top-logprobs', '-1'],
        /--top-logprobs <k>' argument '-1' is invalid\. Expected an integer >= 0 or "all"/,
      ],
      [['--max-tokens', '0'], /--max-tokens <n>' argument '0' is invalid/],
      [['--temperature', '-0.5'], /--temperature <t>' argument '-0.5' is invalid\. Expected a number >= 0/],
      [['--top-p', '0'], /--top-p <p>' argument '0' is invalid/],
      [['--seed', 'x'], /--seed <n>' argument 'x' is invalid/],
      [['--format', 'xml'], /--format <format>' argument 'xml' is invalid/],
      [['--distribution', 'both'], /--distribution <which>' argument 'both' is invalid/],
      [['--low-confidence', '2'], /--low-confidence <p>' argument '2' is invalid/],
    ];
    for (const [args, message] of cases) {
      const result = ask(['Once', '--model', STORIES, ...args]);
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(isOneLine(result.stderr)).toBe(true);
    }
    const noPrompt = ask(['--model', STORIES]);
    expect(noPrompt.status).toBe(1);
    expect(noPrompt.stderr).toBe("tokenscope: missing required argument 'prompt'\n");
  });

  it('refuses text the vocabulary cannot encode, on one line', () => {
    // TinyStories-656K has no byte fallback: llama.cpp would abort on '#'; the engine refuses it first.
    const result = ask(['#', '--model', TINY]);
    expect(result.status).toBe(1);
    expect(isOneLine(result.stderr)).toBe(true);
    expect(result.stderr).toMatch(
      /^tokenscope: expected text the vocabulary of TinyStories-656K-Q8_0 can encode, got "#"/,
    );
  });

  it('turns a native crash of the model into a one-line error, exit 1', () => {
    // This engine host makes llama.cpp tokenize '#' anyway: a real std::abort in the model process.
    const result = ask(['### Human: hi', '--model', TINY], {
      env: { TOKENSCOPE_ENGINE_HOST: CRASHING_HOST, TOKENSCOPE_TEST_CRASH_MODEL: TINY },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'tokenscope: the model process crashed on this input (killed by SIGABRT: std::out_of_range: _Map_base::at); change the input (e.g. characters the model cannot tokenize) or use another model\n',
    );
    expect(result.stdout).toBe('');
  });
});
