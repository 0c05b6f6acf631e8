import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, FIXTURES, REPO_ROOT, runCli } from '../test/cliHarness.js';
import { CONFIDENT, chatCompletion, HESITANT, UNSURE } from '../test/openaiChat.js';

const ESC = '\u001b[';
let dir: string;
let unsure: string;
let confident: string;
let hesitant: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tokenscope-analyze-'));
  unsure = join(dir, 'unsure.json');
  confident = join(dir, 'confident.json');
  writeFileSync(unsure, JSON.stringify(chatCompletion(UNSURE, CONFIDENT)));
  writeFileSync(confident, JSON.stringify(chatCompletion(CONFIDENT)));
  hesitant = join(dir, 'hesitant.json');
  writeFileSync(hesitant, JSON.stringify(chatCompletion(HESITANT)));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function json(stdout: string) {
  return JSON.parse(stdout) as {
    text: string;
    tokens: Array<{ text: string; prob: number }>;
    spans: Array<{ text: string }>;
    source: { format: string; index: number };
    thresholds: { lowConfidence: number };
  };
}

describe('tokenscope analyze: formats', () => {
  it('writes json with every token and its probability', () => {
    const result = runCli(['analyze', unsure, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const analysis = json(result.stdout);
    expect(analysis.text).toBe('The answer is D.');
    expect(analysis.tokens.map((t) => t.text)).toEqual(['The', ' answer', ' is', ' D', '.']);
    expect(analysis.tokens[3]?.prob).toBeCloseTo(0.004, 6);
    expect(analysis.source).toMatchObject({ format: 'openai-chat', index: 0 });
    expect(analysis.spans.map((s) => s.text.trim())).toEqual(['D']);
  });

  it('indents json with --pretty', () => {
    const result = runCli(['analyze', confident, '--format', 'json', '--pretty']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\{\n {2}"/);
    expect(json(result.stdout).text).toBe('Paris is the capital.');
  });

  it('writes the ansi report (default) without colour when stdout is not a terminal', () => {
    const result = runCli(['analyze', unsure]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('answer');
    expect(result.stdout).not.toContain(ESC);
  });

  it('writes html and markdown', () => {
    const html = runCli(['analyze', unsure, '--format', 'html']);
    expect(html.status).toBe(0);
    expect(html.stdout).toMatch(/<html/i);
    expect(html.stdout).toContain('answer');
    expect(html.stdout).toContain('Tokenscope: unsure.json');
    const md = runCli(['analyze', unsure, '--format', 'md']);
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('answer');
    expect(md.stdout).not.toMatch(/<html/i);
    expect(md.stdout).not.toContain(ESC);
  });

  it('analyses the recorded OpenAI chat fixture', () => {
    const fixture = join(FIXTURES, 'openai-chat.seed003.recorded.json');
    const result = runCli(['analyze', fixture, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const analysis = json(result.stdout);
    expect(analysis.source.format).toBe('openai-chat');
    expect(analysis.tokens.length).toBeGreaterThan(0);
    expect(analysis.tokens.map((t) => t.text).join('')).toBe(analysis.text);
  });
});

describe('tokenscope analyze: colour', () => {
  it('colours with FORCE_COLOR=1 or --color, and never with NO_COLOR or --no-color', () => {
    expect(runCli(['analyze', unsure], { env: { FORCE_COLOR: '1' } }).stdout).toContain(ESC);
    expect(runCli(['analyze', unsure, '--color']).stdout).toContain(ESC);
    expect(runCli(['analyze', unsure], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toContain(
      ESC,
    );
    expect(runCli(['analyze', unsure, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain(
      ESC,
    );
    // An empty NO_COLOR does not count (no-color.org).
    expect(runCli(['analyze', unsure], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).toContain(ESC);
  });

  const script = existsSync('/usr/bin/script') ? '/usr/bin/script' : undefined;
  it.skipIf(script === undefined)('colours on a real terminal unless NO_COLOR is set', () => {
    const onTty = (env: Record<string, string | undefined>) =>
      spawnSync(
        script!,
        ['-qec', `${JSON.stringify(process.execPath)} ${BIN} analyze ${unsure}`, '/dev/null'],
        {
          cwd: REPO_ROOT,
          encoding: 'utf8',
          env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, ...env },
        },
      );
    const tty = onTty({});
    expect(tty.status).toBe(0);
    expect(tty.stdout).toContain(ESC);
    const noColor = onTty({ NO_COLOR: '1' });
    expect(noColor.status).toBe(0);
    expect(noColor.stdout).toContain('answer');
    expect(noColor.stdout).not.toContain(ESC);
  });
});

describe('tokenscope analyze: input', () => {
  it('reads stdin when FILE is - or omitted, same as the file', () => {
    const fromFile = runCli(['analyze', unsure, '--format', 'json']).stdout;
    const input = readFileSync(unsure, 'utf8');
    expect(runCli(['analyze', '-', '--format', 'json'], { input }).stdout).toBe(fromFile);
    expect(runCli(['analyze', '--format', 'json'], { input }).stdout).toBe(fromFile);
  });

  it('reads stdin redirected from a file', () => {
    const fd = openSync(unsure, 'r');
    const result = runCli(['analyze', '--format', 'json'], { stdinFd: fd });
    expect(result.status).toBe(0);
    expect(json(result.stdout).text).toBe('The answer is D.');
  });

  it('uses --from instead of detection', () => {
    const named = runCli(['analyze', unsure, '--from', 'openai-chat', '--format', 'json']);
    expect(named.status).toBe(0);
    expect(json(named.stdout).source.format).toBe('openai-chat');
    const wrong = runCli(['analyze', unsure, '--from', 'gemini', '--format', 'json']);
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(/^tokenscope: .*\n$/);
  });

  it('analyses the choice given by --choice', () => {
    const result = runCli(['analyze', unsure, '--choice', '1', '--format', 'json']);
    expect(result.status).toBe(0);
    expect(json(result.stdout)).toMatchObject({ text: 'Paris is the capital.', source: { index: 1 } });
  });

  it('passes threshold options to the analysis', () => {
    const result = runCli([
      'analyze',
      unsure,
      '--format',
      'json',
      '--low-confidence',
      '0.001',
      '--ambiguous-margin',
      '0',
      '--bands',
      '0.95,0.8,0.6,0.4',
    ]);
    expect(result.status).toBe(0);
    const analysis = json(result.stdout);
    expect(analysis.thresholds).toEqual({
      bands: { green: 0.95, lime: 0.8, yellow: 0.6, orange: 0.4 },
      lowConfidence: 0.001,
      ambiguousMargin: 0,
    });
  });
});

describe('tokenscope analyze: CI gate', () => {
  it('--fail-on-flag exits 2 with a reason and still prints the report', () => {
    const result = runCli(['analyze', unsure, '--fail-on-flag', '--format', 'json']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('tokenscope: gate failed: 1 flagged span (weakest " D" 0.4 %)\n');
    expect(json(result.stdout).text).toBe('The answer is D.');
  });

  it('--fail-on-flag exits 0 on a confident answer, or when the threshold is lowered', () => {
    expect(runCli(['analyze', confident, '--fail-on-flag'])).toMatchObject({ status: 0, stderr: '' });
    // "Maybe" (8 %, top choice, margin 0.07) is flagged by the default thresholds, not by lower ones.
    expect(runCli(['analyze', hesitant, '--fail-on-flag']).status).toBe(2);
    const lowered = runCli([
      'analyze',
      hesitant,
      '--fail-on-flag',
      '--low-confidence',
      '5%',
      '--ambiguous-margin',
      '0.05',
    ]);
    expect(lowered).toMatchObject({ status: 0, stderr: '' });
  });

  it('--fail-below exits 2 when a token is below P and 0 otherwise', () => {
    const failed = runCli(['analyze', unsure, '--fail-below', '0.96']);
    expect(failed.status).toBe(2);
    expect(failed.stderr).toBe('tokenscope: gate failed: 2 tokens below 96.0 % (weakest " D" 0.4 %)\n');
    expect(failed.stdout).toContain('answer');
    expect(runCli(['analyze', unsure, '--fail-below', '0.003'])).toMatchObject({ status: 0, stderr: '' });
    expect(runCli(['analyze', unsure, '--fail-below', '0.5%']).status).toBe(2);
  });
});

describe('tokenscope analyze --output', () => {
  it('writes the report to the file, atomically, and nothing to stdout', () => {
    const out = join(dir, 'out', 'report.json');
    const outDir = join(dir, 'out');
    rmSync(outDir, { recursive: true, force: true });
    const missingDir = runCli(['analyze', unsure, '-o', out]);
    expect(missingDir.status).toBe(1);
    expect(missingDir.stderr).toBe(`tokenscope: cannot write ${out}: no such file\n`);

    writeFileSync(join(dir, 'placeholder'), '');
    const target = join(dir, 'report.json');
    const result = runCli(['analyze', unsure, '--format', 'json', '--output', target]);
    expect(result).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(json(readFileSync(target, 'utf8')).text).toBe('The answer is D.');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps an existing output file when the run fails', () => {
    const target = join(dir, 'keep.html');
    writeFileSync(target, 'previous report\n');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"choices": [');
    const result = runCli(['analyze', bad, '--format', 'html', '-o', target]);
    expect(result.status).toBe(1);
    expect(readFileSync(target, 'utf8')).toBe('previous report\n');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes no colour to a file unless --color is given', () => {
    const target = join(dir, 'report.txt');
    expect(runCli(['analyze', unsure, '-o', target], { env: { FORCE_COLOR: '1' } }).status).toBe(0);
    expect(readFileSync(target, 'utf8')).not.toContain(ESC);
    expect(runCli(['analyze', unsure, '-o', target, '--color']).status).toBe(0);
    expect(readFileSync(target, 'utf8')).toContain(ESC);
  });

  it('replaces an existing output file on success, and a gate failure still writes it', () => {
    const target = join(dir, 'gate.md');
    writeFileSync(target, 'previous report\n');
    const result = runCli(['analyze', unsure, '--format', 'md', '-o', target, '--fail-on-flag']);
    expect(result.status).toBe(2);
    expect(readFileSync(target, 'utf8')).toContain('answer');
  });
});

describe('tokenscope analyze: impossible logprobs', () => {
  /** The recorded seed response with every alternative claiming p ~ 1 (the pair sums to 2). */
  const impossible = () => {
    const path = join(dir, 'impossible.json');
    const r = JSON.parse(readFileSync(join(FIXTURES, 'openai-chat.seed003.recorded.json'), 'utf8'));
    for (const item of r.choices[0].logprobs.content) {
      for (const alt of item.top_logprobs) alt.logprob = -1e-9;
    }
    writeFileSync(path, JSON.stringify(r));
    return path;
  };
  const problem =
    "invalid value at choices[0].logprobs.content[0].top_logprobs: the alternatives' probabilities sum to 2.000, " +
    'more than 1 beyond rounding (logprobs -1e-9, -1e-9)';

  it('fail with the path of the first one', () => {
    const result = runCli(['analyze', impossible()]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`tokenscope: ${problem}\n`);
  });

  it('are analysed with --lenient, the warning in every report format', () => {
    const file = impossible();
    const warning = `${problem} (and 3 more positions like it); analysed anyway (lenient)`;
    const ansi = runCli(['analyze', file, '--lenient', '--width', '0']);
    expect(ansi.status).toBe(0);
    expect(ansi.stdout.startsWith(`Warning: ${warning}\n\n`)).toBe(true);
    const report = runCli(['analyze', file, '--lenient', '--format', 'json']);
    expect(JSON.parse(report.stdout).warnings).toEqual([warning]);
    expect(runCli(['analyze', file, '--lenient', '--format', 'html']).stdout).toContain(
      '<p class="warning" role="alert">Warning: invalid value at choices[0].logprobs.content[0].top_logprobs',
    );
    expect(runCli(['analyze', file, '--lenient', '--format', 'md']).stdout).toContain(
      '> **Warning:** invalid value at choices\\[0\\].logprobs.content\\[0\\].top\\_logprobs',
    );
  });
});
