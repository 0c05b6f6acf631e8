import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, FIXTURES, isOneLine, runCli } from '../test/cliHarness.js';
import { memoryIo } from '../test/memoryIo.js';
import { main } from './main.js';

/** Every recorded / hand-made provider response in core's fixtures (`*.bad-*` ones must be refused). */
const fixtures = readdirSync(FIXTURES).filter((name) => !name.endsWith('.md'));

interface JsonReport {
  text: string;
  tokens: Array<{ text: string; prob: number | null; top: unknown[] }>;
  source: { format: string };
}

describe('tokenscope analyze on every core fixture (in process)', () => {
  it('has fixtures to run', () => {
    expect(fixtures.length).toBeGreaterThan(10);
  });

  it.each(fixtures.filter((name) => !name.includes('.bad-')))('%s gives a json report', async (name) => {
    const t = memoryIo();
    const code = await main(['analyze', join(FIXTURES, name), '--format', 'json'], t.io);
    expect(t.stderr()).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(t.stdout()) as JsonReport;
    expect(report.source.format).toBe(name.split('.')[0]);
    expect(report.tokens.map((token) => token.text).join('')).toBe(report.text);
  });

  it.each(fixtures.filter((name) => name.includes('.bad-')))('%s is refused on one line', async (name) => {
    const t = memoryIo();
    expect(await main(['analyze', join(FIXTURES, name)], t.io)).toBe(1);
    expect(t.stdout()).toBe('');
    expect(isOneLine(t.stderr()), t.stderr()).toBe(true);
    expect(t.stderr()).toMatch(/^tokenscope: /);
  });
});

describe('tokenscope analyze on raw logits (binary)', () => {
  beforeAll(ensureBuilt, 120_000);
  const logits = join(FIXTURES, 'logits.small-vocab.unrecorded.json');

  it('applies --temperature and --top-k', () => {
    const base = runCli(['analyze', logits, '--format', 'json']);
    expect(base.stderr).toBe('');
    const report = JSON.parse(base.stdout) as JsonReport;
    const tuned = runCli(['analyze', logits, '--format', 'json', '--temperature', '2', '--top-k', '3']);
    expect(tuned.stderr).toBe('');
    const hot = JSON.parse(tuned.stdout) as JsonReport;
    expect(hot.text).toBe(report.text);
    expect(hot.tokens.every((token) => token.top.length === 3)).toBe(true);
    expect(report.tokens.some((token) => token.top.length > 3)).toBe(true);
    // A higher temperature flattens the distribution: the most likely tokens lose probability.
    const first = (r: JsonReport) => r.tokens[0]?.prob ?? Number.NaN;
    expect(first(hot)).not.toBeCloseTo(first(report), 6);
  });
});

describe('responses recorded from tokenscope serve round-trip through tokenscope analyze', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('gives back the served text and every served logprob (chat, real binary)', () => {
    const name = 'openai-chat.tokenscope-serve-stories260k.recorded.json';
    const served = JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as {
      choices: Array<{
        message: { content: string };
        logprobs: { content: Array<{ logprob: number; top_logprobs: Array<{ logprob: number }> }> };
      }>;
    };
    const result = runCli(['analyze', join(FIXTURES, name), '--format', 'json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as {
      text: string;
      source: { distribution: string };
      tokens: Array<{ logprob: number | null; top: Array<{ logprob: number | null }> }>;
    };
    const choice = served.choices[0]!;
    expect(report.text).toBe(choice.message.content);
    expect(report.source.distribution).toBe('raw');
    expect(report.tokens.map((t) => t.logprob)).toEqual(choice.logprobs.content.map((t) => t.logprob));
    expect(report.tokens.map((t) => t.top.map((a) => a.logprob))).toEqual(
      choice.logprobs.content.map((t) => t.top_logprobs.map((a) => a.logprob)),
    );
  });

  it('gives back the streamed text and logprobs (legacy completions stream, real binary)', () => {
    const name = 'openai-completions.tokenscope-serve-stories260k-stream.recorded.sse.txt';
    const sse = readFileSync(join(FIXTURES, name), 'utf8');
    const chunks = sse
      .split('\n')
      .filter((line) => line.startsWith('data: {'))
      .map(
        (line) =>
          JSON.parse(line.slice(6)) as {
            choices: Array<{ text: string; logprobs?: { token_logprobs: number[] } }>;
          },
      );
    const servedText = chunks.map((c) => c.choices[0]?.text ?? '').join('');
    const servedLogprobs = chunks.flatMap((c) => c.choices[0]?.logprobs?.token_logprobs ?? []);
    const result = runCli(['analyze', join(FIXTURES, name), '--format', 'json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { text: string; tokens: Array<{ logprob: number | null }> };
    expect(report.text).toBe(servedText);
    expect(report.tokens.map((t) => t.logprob)).toEqual(servedLogprobs);
  });
});
