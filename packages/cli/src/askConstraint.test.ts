import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, ensureBuilt, isOneLine, REPO_ROOT, runCli } from '../test/cliHarness.js';

const MODELS = process.env.TOKENSCOPE_MODELS_DIR ?? resolve(REPO_ROOT, '../shared/models');
const STORIES = join(MODELS, 'stories260K.gguf');
const dir = mkdtempSync(join(tmpdir(), 'tokenscope-constrain-'));

function ask(args: string[]): CliResult {
  return runCli(['ask', 'Is the sky blue? Answer:', '--model', STORIES, '--threads', '1', ...args], {
    env: { TOKENSCOPE_MODEL: undefined, TOKENSCOPE_MODELS_DIR: undefined, NO_COLOR: '1' },
  });
}

interface ConstraintJson {
  kind: string;
  description: string;
  summary: { tokens: number; meanRemovedMass: number; topForbiddenTokens: number };
  tokens: Array<{
    text: string;
    prob: number;
    rawProb: number;
    removedMass: number;
    rawTop: Array<{ text: string; allowed: boolean }>;
    top: Array<{ prob: number }>;
  }>;
}

beforeAll(ensureBuilt, 180_000);

describe('tokenscope ask with a constraint', () => {
  it('--choices: the answer is a choice; the ANSI report shows raw beside constrained, token by token', () => {
    const result = ask(['--choices', 'yes,no,maybe', '--max-tokens', '8']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Constraint: choices: "yes" | "no" | "maybe"');
    expect(result.stdout).toMatch(/#\s+token\s+p allowed\s+p raw\s+removed\s+wanted but forbidden/);
    expect(result.stdout).toContain("the model's first choice was forbidden at");
  });

  it('--json-schema FILE --format json: valid JSON text and a documented constraint object', () => {
    const schema = join(dir, 'pet.json');
    writeFileSync(schema, JSON.stringify({ type: 'object', properties: { cute: { type: 'boolean' } } }));
    const result = ask([
      '--json-schema',
      schema,
      '--format',
      'json',
      '--max-tokens',
      '24',
      '--top-logprobs',
      '3',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as {
      text: string;
      tokens: unknown[];
      constraint: ConstraintJson;
    };
    expect(typeof (JSON.parse(report.text) as { cute: unknown }).cute).toBe('boolean');
    expect(report.constraint.kind).toBe('json-schema');
    expect(report.constraint.tokens).toHaveLength(report.tokens.length);
    for (const t of report.constraint.tokens) {
      expect(t.prob).toBeGreaterThanOrEqual(t.rawProb);
      expect(t.rawProb / (1 - t.removedMass) / t.prob).toBeCloseTo(1, 4);
      // A raw alternative is allowed exactly when it is among the constrained alternatives.
      expect(t.rawTop.filter((a) => a.allowed).length).toBeLessThanOrEqual(t.top.length);
    }
  });

  it('--grammar FILE in Markdown and HTML reports', () => {
    const gbnf = join(dir, 'word.gbnf');
    writeFileSync(gbnf, 'root ::= " " [a-z]{2,6} "."\n');
    const md = ask(['--grammar', gbnf, '--format', 'md']);
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('## Constraint');
    expect(md.stdout).toContain('| # | token | p allowed | p raw | removed | wanted but forbidden |');
    const html = join(dir, 'x.html');
    expect(ask(['--grammar', gbnf, '--format', 'html', '-o', html]).status).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('<section aria-label="Constraint" class="constraint">');
  });

  it('refuses bad constraints with one line naming the field', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--choices', ''], /invalid constraint\.choices: expected non-empty strings/],
      [['--choices', '["a", 1]'], /--choices: expected a JSON array of strings/],
      [['--json-schema', join(dir, 'missing.json')], /cannot read .*missing\.json: no such file/],
      [['--grammar', join(dir, 'pet.json')], /invalid constraint\.gbnf/],
      [['--choices', 'a,b', '--grammar', join(dir, 'word.gbnf')], /cannot be used with/],
      [['--choices', 'a,b', '--base-url', 'http://127.0.0.1:9/v1'], /need a local model/],
    ];
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    cases.push([
      ['--json-schema', bad],
      /--json-schema .*bad\.json: expected a JSON schema, got invalid JSON/,
    ]);
    for (const [args, message] of cases) {
      const result = ask(args);
      expect(result.status, result.stderr).not.toBe(0);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
      expect(isOneLine(result.stderr.replace(/^.*model: .*\n/m, ''))).toBe(true);
    }
  }, 120_000);
});
