import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, FIXTURES, REPO_ROOT, runCli } from '../test/cliHarness.js';

/**
 * Honest endings and control tokens through the real `tokenscope` command: `ask` on stories260K cut
 * off by `--max-tokens` (free and under a JSON schema), `analyze` of a Llama 3.1 answer that ends in
 * `<|eot_id|>`, with and without `--count-control-tokens`.
 */
const MODELS = process.env.TOKENSCOPE_MODELS_DIR ?? resolve(REPO_ROOT, '../shared/models');
const STORIES = join(MODELS, 'stories260K.gguf');
const dir = mkdtempSync(join(tmpdir(), 'tokenscope-endings-'));
const env = { TOKENSCOPE_MODEL: undefined, TOKENSCOPE_MODELS_DIR: undefined, NO_COLOR: '1' };

function ask(args: string[]) {
  return runCli(['ask', 'Once upon a time', '--model', STORIES, '--threads', '1', ...args], { env });
}

beforeAll(ensureBuilt, 180_000);

describe('tokenscope ask: an answer cut off by --max-tokens', () => {
  it('says so first in the terminal report and in the JSON report; no warning, exit 0', () => {
    const text = ask(['--max-tokens', '5', '--width', '100']);
    expect(text.status).toBe(0);
    expect(text.stderr).toBe('');
    expect(text.stdout.split('\n')[0]).toBe(
      'Cut off: generation stopped at the token limit (finish reason "length"): the answer is incomplete.',
    );
    const json = ask(['--max-tokens', '5', '--format', 'json']);
    expect(JSON.parse(json.stdout).ending).toEqual({
      kind: 'length',
      cutOff: true,
      constraintIncomplete: null,
    });
  });

  it('--json-schema cut off before the JSON is complete: flagged incomplete in the report, a warning on stderr, exit 0', () => {
    const schema = join(dir, 'pet.json');
    writeFileSync(schema, JSON.stringify({ type: 'object', properties: { name: { type: 'string' } } }));
    const result = ask(['--json-schema', schema, '--max-tokens', '6', '--format', 'json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(() => JSON.parse(report.text)).toThrow();
    expect(report.ending.cutOff).toBe(true);
    expect(report.ending.constraintIncomplete).toMatch(
      /^the output is not valid JSON \(the token limit cut it off\): /,
    );
    expect(result.stderr).toBe(
      `tokenscope: warning: Incomplete: the answer does not satisfy its constraint: ${report.ending.constraintIncomplete}.\n`,
    );
    const md = ask(['--json-schema', schema, '--max-tokens', '6', '--format', 'md']);
    expect(md.stdout).toContain(
      '> **Incomplete:** the answer does not satisfy its constraint: the output is not valid JSON',
    );
  });

  it('--choices with room to finish: complete, no note, no warning', () => {
    const result = ask(['--choices', 'yes,no', '--max-tokens', '8', '--format', 'json']);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(['yes', 'no']).toContain(report.text);
    expect(report.ending).toEqual({ kind: 'stop', cutOff: false, constraintIncomplete: null });
  });
});

describe('tokenscope analyze: a Llama 3.1 answer that ends in <|eot_id|>', () => {
  const file = join(FIXTURES, 'vllm.chat-llama31-eot.unrecorded.json');

  it('shows the control token as a marker and leaves it out of the text and the scores', () => {
    const result = runCli(['analyze', file, '--width', '100'], { env });
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('The capital of France is Paris.⟨eot_id⟩');
    expect(result.stdout).toContain('Summary: 7 tokens (+1 control token, not counted)');
    const json = JSON.parse(runCli(['analyze', file, '--format', 'json'], { env }).stdout);
    expect(json.text).toBe('The capital of France is Paris.');
    expect(json.summary).toMatchObject({ tokens: 7, controlTokens: 1, countsControlTokens: false });
  });

  it('--count-control-tokens counts it in the scores, and the report says so', () => {
    const json = JSON.parse(
      runCli(['analyze', file, '--format', 'json', '--count-control-tokens'], { env }).stdout,
    );
    expect(json.text).toBe('The capital of France is Paris.');
    expect(json.summary).toMatchObject({
      tokens: 8,
      scoredTokens: 8,
      controlTokens: 1,
      countsControlTokens: true,
    });
  });

  it('--fail-below leaves the control token out of the gate', () => {
    // The same answer, its <|eot_id|> made unlikely (p 5 %): the gate does not see it.
    const response = JSON.parse(readFileSync(file, 'utf8'));
    const eot = response.choices[0].logprobs.content.at(-1);
    eot.logprob = -3;
    eot.top_logprobs[0].logprob = -3;
    const unsure = join(dir, 'unsure-eot.json');
    writeFileSync(unsure, JSON.stringify(response));
    const passed = runCli(['analyze', unsure, '--fail-below', '0.5', '--format', 'json'], { env });
    expect(passed.stderr).toBe('');
    expect(passed.status).toBe(0);
    const failed = runCli(['analyze', unsure, '--fail-below', '0.98', '--format', 'json'], { env });
    expect(failed.status).toBe(2);
    expect(failed.stderr).toBe('tokenscope: gate failed: 1 token below 98.0 % (weakest "." 97.1 %)\n');
  });
});
