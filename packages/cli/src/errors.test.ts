import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, isOneLine, runCli } from '../test/cliHarness.js';
import { memoryIo } from '../test/memoryIo.js';
import { CONFIDENT, chatCompletion, chatSse, UNSURE } from '../test/openaiChat.js';
import { main } from './main.js';

let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tokenscope-errors-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Runs `analyze` and checks the failure contract: exit 1, one line on stderr, no stack, no stdout. */
function fails(args: string[], input?: string) {
  const result = runCli(['analyze', ...args], input === undefined ? {} : { input });
  expect(result.status, result.stderr).toBe(1);
  expect(result.stdout).toBe('');
  expect(isOneLine(result.stderr), result.stderr).toBe(true);
  expect(result.stderr).toMatch(/^tokenscope: /);
  return result.stderr;
}

describe('tokenscope analyze: bad input exits 1 with one line', () => {
  it('not JSON', () => {
    expect(fails([file('prose.txt', 'The model said hello.\n')])).toMatch(
      /^tokenscope: input is not valid JSON/,
    );
  });

  it('JSON of an unknown shape', () => {
    expect(fails([file('shape.json', '{"hello": "world"}')])).toMatch(
      /unknown response shape.*--from FORMAT/,
    );
  });

  it('a truncated stream, unless --allow-truncated', () => {
    const path = file('truncated.sse', chatSse(UNSURE, true));
    expect(fails([path])).toMatch(/^tokenscope: the stream is truncated/);
    const allowed = runCli(['analyze', path, '--allow-truncated', '--format', 'json']);
    expect(allowed.status).toBe(0);
    expect(JSON.parse(allowed.stdout).text).toBe('The answer is D.');
  });

  it('a complete stream is fine', () => {
    const result = runCli(['analyze', file('complete.sse', chatSse(UNSURE)), '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).text).toBe('The answer is D.');
  });

  it('a NaN value', () => {
    const response = chatCompletion(CONFIDENT);
    const text = JSON.stringify(response).replace(/"logprob":[^,]+/, '"logprob":NaN');
    expect(fails([file('nan.json', text)])).toMatch(/NaN|not valid JSON|invalid value/);
    const asString = JSON.stringify(response).replace(/"logprob":[^,]+/, '"logprob":"NaN"');
    expect(fails([file('nan-string.json', asString)])).toMatch(/invalid value at .*logprob/);
  });

  it('a response without logprobs', () => {
    const response = chatCompletion(CONFIDENT) as { choices: Array<{ logprobs: unknown }> };
    for (const choice of response.choices) choice.logprobs = null;
    expect(fails([file('nologprobs.json', JSON.stringify(response))])).toMatch(/has no logprobs/);
  });

  it('a missing file or a directory, naming the path', () => {
    const missing = join(dir, 'missing.json');
    expect(fails([missing])).toBe(`tokenscope: cannot read ${missing}: no such file\n`);
    expect(fails([dir])).toBe(`tokenscope: cannot read ${dir}: is a directory, not a file\n`);
  });

  it('empty stdin', () => {
    expect(fails(['-'], '')).toMatch(/^tokenscope: /);
  });

  it('--debug adds the stack trace', () => {
    const result = runCli(['analyze', '--debug', file('prose2.txt', 'hello')]);
    expect(result.status).toBe(1);
    const [first, ...rest] = result.stderr.trimEnd().split('\n');
    expect(first).toMatch(/^tokenscope: input is not valid JSON/);
    expect(rest.join('\n')).toMatch(/InvalidJsonError.*\n\s+at /);
  });
});

describe('tokenscope analyze: bad option values exit 1 naming the option', () => {
  const cases: Array<[string[], RegExp]> = [
    [
      ['--format', 'pdf'],
      /option '--format <format>' argument 'pdf' is invalid\. Allowed choices are ansi, html, md, json\./,
    ],
    [
      ['--from', 'nope'],
      /option '--from <format>' argument 'nope' is invalid\. Allowed choices are openai-chat, /,
    ],
    [['--choice', '-1'], /option '--choice <n>' argument '-1' is invalid\. Expected an integer >= 0/],
    [['--choice', '1.5'], /'--choice <n>' argument '1.5' is invalid\. Expected an integer >= 0/],
    [['--choice', 'first'], /'--choice <n>' argument 'first' is invalid\. Expected a number/],
    [
      ['--low-confidence', '1.5'],
      /'--low-confidence <p>' argument '1.5' is invalid\. Expected a probability in 0\.\.1/,
    ],
    [['--ambiguous-margin', 'NaN'], /'--ambiguous-margin <p>' argument 'NaN' is invalid\. Expected a number/],
    [
      ['--bands', '0.9,0.7,0.5'],
      /'--bands <g,l,y,o>' argument '0.9,0.7,0.5' is invalid\. Expected four probabilities/,
    ],
    [['--bands', '0.5,0.7,0.9,0.3'], /'--bands <g,l,y,o>' .* Expected decreasing bounds/],
    [
      ['--temperature', '0'],
      /'--temperature <t>' argument '0' is invalid\. Expected a number greater than 0/,
    ],
    [['--top-k', '0'], /'--top-k <k>' argument '0' is invalid\. Expected an integer >= 1/],
    [['--max-bytes', 'lots'], /'--max-bytes <n>' argument 'lots' is invalid\. Expected a size in bytes/],
    [
      ['--width', '5'],
      /'--width <n>' argument '5' is invalid\. Expected an integer >= 20, or 0 for no wrapping/,
    ],
    [['--fail-below', '2'], /'--fail-below <p>' argument '2' is invalid\. Expected a probability in 0\.\.1/],
    [['--output'], /option '-o, --output <file>' argument missing/],
  ];
  // Through the real binary for a few; in process (the same main()) for all, to keep the suite fast.
  it.each(cases.slice(0, 3))('binary: %j', (args, message) => {
    expect(fails(['whatever.json', ...args])).toMatch(message);
  });
  it.each(cases)('main(): %j', async (args, message) => {
    const t = memoryIo();
    expect(await main(['analyze', 'whatever.json', ...args], t.io)).toBe(1);
    expect(t.stdout()).toBe('');
    expect(isOneLine(t.stderr()), t.stderr()).toBe(true);
    expect(t.stderr()).toMatch(/^tokenscope: /);
    expect(t.stderr()).toMatch(message);
  });

  it('--choice past the last choice', () => {
    const path = file('one-choice.json', JSON.stringify(chatCompletion(CONFIDENT)));
    expect(fails([path, '--choice', '3'])).toMatch(/choice/);
  });
});
