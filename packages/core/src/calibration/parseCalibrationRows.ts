/**
 * Reads a calibration set from JSON lines, one answer per line:
 *
 *   {"confidence": 0.83, "correct": true}
 *   {"logprob": -0.19, "correct": 1}
 *   {"logprobs": [-0.02, -0.4, -0.11], "correct": false}
 *   {"logprobs": [{"token": "Paris", "logprob": -0.02}], "correct": 0}
 *
 * Each row gives exactly one of `confidence` (a probability in 0..1), `logprob` (a natural-log
 * probability <= 0: confidence = exp(logprob)) or `logprobs` (token logprobs, numbers or objects with
 * a numeric `logprob`, as OpenAI's `logprobs.content` holds them: combined by `derive`), and
 * `correct` (true/false or 1/0). Other fields are ignored. Blank lines are skipped. Any bad row
 * stops the read with an `InvalidRowError` naming the line and the field.
 */
import { EmptyInputError } from '../errors/EmptyInputError.js';
import { isRecord } from '../formats/checkShape.js';
import type { CalibrationSample, DeriveMode } from './CalibrationSample.js';
import { InvalidRowError } from './InvalidRowError.js';

export interface ParseCalibrationOptions {
  /** How token logprobs become one confidence (default `mean`). */
  derive?: DeriveMode;
}

const SOURCES = ['confidence', 'logprob', 'logprobs'] as const;

export function parseCalibrationRows(
  text: string,
  options: ParseCalibrationOptions = {},
): CalibrationSample[] {
  const derive = options.derive ?? 'mean';
  const samples: CalibrationSample[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    samples.push(parseRow(line, i + 1, derive));
  }
  if (samples.length === 0) {
    throw new EmptyInputError(
      'expected JSON lines such as {"confidence": 0.8, "correct": true}, one answer per line',
    );
  }
  return samples;
}

function parseRow(line: string, lineNumber: number, derive: DeriveMode): CalibrationSample {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch {
    throw new InvalidRowError(
      lineNumber,
      null,
      `not valid JSON: ${excerpt(line)}; write one JSON object per line`,
    );
  }
  if (!isRecord(row)) {
    throw new InvalidRowError(lineNumber, null, `expected a JSON object, got ${excerpt(line)}`);
  }
  const record = row;
  const given = SOURCES.filter((key) => record[key] !== undefined);
  if (given.length !== 1) {
    throw new InvalidRowError(
      lineNumber,
      given.length === 0 ? 'confidence' : given[1]!,
      given.length === 0
        ? 'missing: give "confidence" (0..1), "logprob" or "logprobs"'
        : `give only one of ${given.map((k) => `"${k}"`).join(' and ')}`,
    );
  }
  return {
    confidence: confidenceOf(record, given[0]!, lineNumber, derive),
    correct: correctOf(record, lineNumber),
  };
}

function confidenceOf(
  record: Record<string, unknown>,
  key: (typeof SOURCES)[number],
  line: number,
  derive: DeriveMode,
): number {
  const value = record[key];
  if (key === 'confidence') {
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new InvalidRowError(line, key, `expected a probability in 0..1, got ${show(value)}`);
    }
    return value;
  }
  if (key === 'logprob') return Math.exp(checkLogprob(value, line, key));
  if (!Array.isArray(value) || value.length === 0) {
    throw new InvalidRowError(line, key, `expected a non-empty array of token logprobs, got ${show(value)}`);
  }
  const logprobs = value.map((item: unknown, i) => {
    const lp = typeof item === 'object' && item !== null ? (item as { logprob?: unknown }).logprob : item;
    return checkLogprob(lp, line, `${key}[${i}]`);
  });
  const sum = logprobs.reduce((a, b) => a + b, 0);
  switch (derive) {
    case 'sum':
      return Math.exp(sum);
    case 'mean':
      return Math.exp(sum / logprobs.length);
    case 'min':
      return Math.exp(logprobs.reduce((a, b) => Math.min(a, b)));
  }
}

function checkLogprob(value: unknown, line: number, field: string): number {
  if (typeof value !== 'number' || !(value <= 0)) {
    throw new InvalidRowError(
      line,
      field,
      `expected a natural-log probability <= 0, got ${show(value)}${value === null ? ' (a token below the reported top-k has no logprob)' : ''}`,
    );
  }
  return value;
}

function correctOf(record: Record<string, unknown>, line: number): boolean {
  const value = record.correct;
  if (value === true || value === 1) return true;
  if (value === false || value === 0) return false;
  throw new InvalidRowError(
    line,
    'correct',
    value === undefined
      ? 'missing: give true/false or 1/0'
      : `expected true/false or 1/0, got ${show(value)}`,
  );
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  return excerpt(JSON.stringify(value) ?? String(value));
}

function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
