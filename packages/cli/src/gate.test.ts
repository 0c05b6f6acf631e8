import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, FIXTURES, isOneLine, REPO_ROOT, runCli } from '../test/cliHarness.js';
import { runMain } from '../test/memoryIo.js';
import { CONFIDENT, chatCompletion } from '../test/openaiChat.js';

// Hand-made OpenAI chat response (see packages/core/src/gating/__fixtures__/SOURCES.md). Its four
// sentences have mean logprobs -0.0199, -0.6583 (with the year "1887" at p = e^-2.9 = 5.5 %),
// -1.55 and -0.5033.
const EIFFEL = join(REPO_ROOT, 'packages/core/src/gating/__fixtures__/openai-chat.eiffel.unrecorded.json');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokenscope-gate-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tokenscope gate', () => {
  it('prints a verdict per sentence and exits 2 when any needs review', async () => {
    const r = await runMain(['gate', EIFFEL]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^REVIEW: 2 of 4 sentences need review/);
    expect(r.stdout).toContain('✓ publish  -0.020  "The Eiffel Tower is in Paris."');
    expect(r.stdout).toContain('low-confidence critical fact "1887" (date, 5.5 %)');
    expect(r.stdout).toContain('mean logprob -1.550 < -1.5');
    expect(r.stdout).toContain(
      'mean logprob -0.503 is between -1.5 and -0.5, no critical fact is low-confidence',
    );
    expect(r.stdout).toContain("Logprobs measure the model's confidence, not truth.");
  });

  it('exits 0 when every sentence can be published (stdin, json)', async () => {
    const r = await runMain(['gate', '--format', 'json'], JSON.stringify(chatCompletion(CONFIDENT)));
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ verdict: 'publish', counts: { publish: 1, review: 0 } });
    expect(result.sentences[0].text).toBe('Paris is the capital.');
  });

  it('thresholds: --publish, --review and --low-confidence change the verdicts', async () => {
    const lenient = JSON.parse(
      (await runMain(['gate', EIFFEL, '--format', 'json', '--review', '-2', '--low-confidence', '0.05']))
        .stdout,
    );
    // -1.55 is now between; 1887 (5.5 %) is no longer below the 5 % low-confidence bound.
    expect(lenient.sentences.map((s: { verdict: string }) => s.verdict)).toEqual([
      'publish',
      'publish',
      'publish',
      'publish',
    ]);
    const narrow = JSON.parse(
      (await runMain(['gate', EIFFEL, '--format', 'json', '--publish', '-0.505', '--review', '-0.51']))
        .stdout,
    );
    expect(narrow.sentences.map((s: { reason: string }) => s.reason)).toEqual([
      'mean logprob -0.020 > -0.505',
      'mean logprob -0.658 < -0.51',
      'mean logprob -1.550 < -0.51',
      'mean logprob -0.503 > -0.505',
    ]);
  });

  it('md to a file: the table is written and the review is reported on stderr', async () => {
    const file = join(dir, 'gate.md');
    const r = await runMain(['gate', EIFFEL, '--format', 'md', '-o', file]);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(`tokenscope: 2 of 4 sentences need review (see ${file})\n`);
    expect(readFileSync(file, 'utf8')).toContain('| 2 | ✗ review | -0.658 | It was completed in 1887. |');
  });

  it.each([
    [['gate', EIFFEL, '--publish', '-2'], /^tokenscope: --publish \(-2\) must be above --review \(-1\.5\)/],
    [['gate', EIFFEL, '--review', '0.5'], /option '--review <logprob>' argument '0\.5' is invalid/],
    [['gate', EIFFEL, '--publish', 'abc'], /option '--publish <logprob>' argument 'abc' is invalid/],
    [['gate', join(FIXTURES, 'openai-chat.bad-no-logprobs.unrecorded.json')], /^tokenscope: .*no logprobs/],
  ])('fails with exit 1: %j', async (args, message) => {
    const r = await runMain(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
  });

  it('the real binary: exit code 2 and the verdicts, from a pipe', () => {
    ensureBuilt();
    const r = runCli(['gate', '-'], { input: readFileSync(EIFFEL, 'utf8') });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^REVIEW: 2 of 4/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"choices": [');
    const failed = runCli(['gate', bad]);
    expect(failed.status).toBe(1);
    expect(isOneLine(failed.stderr)).toBe(true);
  }, 120_000);
});
