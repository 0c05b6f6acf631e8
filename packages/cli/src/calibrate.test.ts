import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../test/cliHarness.js';
import { memoryIo, runMain } from '../test/memoryIo.js';
import { main } from './main.js';

const FIXTURE = join(REPO_ROOT, 'packages/core/src/calibration/__fixtures__/overconfident.synthetic.jsonl');
let dir: string;

// The 8-answer set of core's calibrate.test.ts (hand-derived there: ECE 0.3375, Brier 0.21, AUROC 0.78125).
const D = [
  [0.95, true],
  [0.85, true],
  [0.85, false],
  [0.75, true],
  [0.65, false],
  [0.45, true],
  [0.35, false],
  [0.15, false],
]
  .map(([confidence, correct]) => JSON.stringify({ confidence, correct }))
  .join('\n');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokenscope-calibrate-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tokenscope calibrate', () => {
  it('json: the hand-derived reference values, read from stdin', async () => {
    const r = await runMain(['calibrate', '-', '--format', 'json', '--bootstrap', '0'], D);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.metrics.equalWidth.ece).toBeCloseTo(0.3375, 12);
    expect(report.metrics.brier.score).toBeCloseTo(0.21, 12);
    expect(report.metrics.auroc).toBe(0.78125);
    expect(report.metrics.equalWidth.eceInterval).toBeNull();
    expect(report.maps.map((m: { map: { kind: string } }) => m.map.kind)).toEqual([
      'platt',
      'isotonic',
      'temperature',
    ]);
    expect(report.derive).toBe('mean');
  });

  it('ansi: the metrics table, the diagram, the review thresholds and the in-sample note', async () => {
    const r = await runMain([
      'calibrate',
      FIXTURE,
      '--budget',
      '12%',
      '--catch',
      '0.8',
      '--bootstrap',
      '100',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Calibration of 300 answers: 199 right \(66\.3 %\)/);
    expect(r.stdout).toMatch(/ECE, 10 equal-width bins\s+0\.135/);
    expect(r.stdout).toContain(
      'Flag at most 12.0 % of answers: flag confidence ≤ 0.1685 → 36 answers (12.0 %)',
    );
    expect(r.stdout).toContain('Catch 80.0 % of errors:');
    expect(r.stdout).toContain('0.9–1.0 ');
    expect(r.stdout).toMatch(/in-sample/);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('--derive changes how token logprobs become a confidence', async () => {
    const rows = '{"logprobs": [-0.1, -0.3], "correct": true}\n{"logprobs": [-2, -1], "correct": false}\n';
    const mean = JSON.parse(
      (await runMain(['calibrate', '--format', 'json', '--bootstrap', '0'], rows)).stdout,
    );
    const sum = JSON.parse(
      (await runMain(['calibrate', '--format', 'json', '--bootstrap', '0', '--derive', 'sum'], rows)).stdout,
    );
    // mean: exp(-0.2), exp(-1.5); sum: exp(-0.4), exp(-3)
    expect(mean.metrics.meanConfidence).toBeCloseTo((Math.exp(-0.2) + Math.exp(-1.5)) / 2, 12);
    expect(sum.metrics.meanConfidence).toBeCloseTo((Math.exp(-0.4) + Math.exp(-3)) / 2, 12);
  });

  it('--split evaluates on held-out rows; the seed makes it reproducible', async () => {
    const args = [
      'calibrate',
      FIXTURE,
      '--format',
      'json',
      '--split',
      '0.5',
      '--seed',
      '9',
      '--bootstrap',
      '50',
    ];
    const a = JSON.parse((await runMain(args)).stdout);
    expect(a).toMatchObject({ fittedRows: 150, evaluatedRows: 150, split: { fraction: 0.5, seed: 9 } });
    expect(a.notes.join(' ')).not.toMatch(/in-sample/);
    expect(JSON.parse((await runMain(args)).stdout)).toEqual(a);
  });

  it('html -o: one page with escaped title and SVG reliability diagrams, written atomically', async () => {
    const file = join(dir, 'report.html');
    const r = await runMain(['calibrate', FIXTURE, '--format', 'html', '-o', file, '--bootstrap', '0']);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>Calibration: overconfident.synthetic.jsonl</title>');
    expect(html.match(/<svg /g)).toHaveLength(5);
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('md: tables', async () => {
    const r = await runMain(['calibrate', '--format', 'md', '--bootstrap', '0'], D);
    expect(r.stdout).toMatch(/^# Calibration\n/);
    expect(r.stdout).toContain('| metric | raw | Platt | isotonic | temperature |');
    expect(r.stdout).toContain('| 0.8–0.9 | 2 | 85.0 % | 50.0 % | −0.350 |');
  });

  it.each([
    [
      ['calibrate', '-'],
      '{"confidence": 0.9, "correct": true}\n{"confidence": 1.5, "correct": false}\n',
      /^tokenscope: line 2, field "confidence": expected a probability in 0\.\.1, got 1\.5\n$/,
    ],
    [
      ['calibrate', '-'],
      '{"confidence": 0.9, "correct": true}\nnot json\n',
      /^tokenscope: line 2: not valid JSON: not json/,
    ],
    [['calibrate', '-'], '', /^tokenscope: input is empty/],
    [['calibrate', '-', '--bins', '0'], '', /option '--bins <n>' argument '0' is invalid/],
    [['calibrate', '-', '--budget', '2'], '', /option '--budget <share>' argument '2' is invalid/],
    [
      ['calibrate', '-', '--derive', 'max'],
      '',
      /argument 'max' is invalid. Allowed choices are sum, mean, min/,
    ],
    [
      ['calibrate', '-', '--split', '1'],
      D,
      /^tokenscope: invalid split: expected a share of the rows strictly between 0 and 1/,
    ],
    [
      ['calibrate', join('no', 'such.jsonl')],
      '',
      /^tokenscope: cannot read no\/such\.jsonl: no such file\n$/,
    ],
  ])('fails with one line: %j', async (args, stdin, message) => {
    const r = await runMain(args, stdin);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('all answers right: AUROC is null with a note, never NaN', async () => {
    const rows = '{"confidence": 0.9, "correct": 1}\n{"confidence": 0.6, "correct": 1}\n';
    const r = await runMain(['calibrate', '--format', 'json', '--bootstrap', '10'], rows);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/NaN/);
    const report = JSON.parse(r.stdout);
    expect(report.metrics.auroc).toBeNull();
    expect(report.notes.join(' ')).toMatch(/every evaluated answer was right/);
    const text = await runMain(['calibrate', '--bootstrap', '10'], rows);
    expect(text.stdout).toMatch(/AUROC\s+n\/a/);
  });

  it('asks for input when stdin is a terminal', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const t = memoryIo({ stdin });
    expect(await main(['calibrate'], t.io)).toBe(1);
    expect(t.stderr()).toBe(
      'tokenscope: no input: pass a FILE (tokenscope calibrate answers.jsonl) or pipe one on stdin\n',
    );
  });
});
