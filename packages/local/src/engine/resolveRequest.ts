import { InvalidOptionError } from '@tokenscope/core';
import type { GenerateRequest } from '../Engine.js';
import type { StepSettings } from './StepSampler.js';

/** A generation request with defaults applied and every value checked. */
export interface ResolvedRequest extends StepSettings {
  /** Undefined: the default for the prompt kind (16 for text, up to the context for chat). */
  maxTokens: number | undefined;
  stop: string[];
  echo: boolean;
  ignoreEos: boolean;
  minTokens: number;
}

function check(ok: boolean, option: string, detail: string): void {
  if (!ok) throw new InvalidOptionError(option, detail);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Applies the defaults of `GenerateRequest` (OpenAI's) and throws `InvalidOptionError` for a bad value. */
export function resolveRequest(request: GenerateRequest, vocabSize: number): ResolvedRequest {
  const { temperature = 1, topP = 1, topK = 0, minP = 0, topLogprobs = 0, maxTokens } = request;
  check(
    isNumber(temperature) && temperature >= 0,
    'temperature',
    `expected a number >= 0, got ${temperature}`,
  );
  check(isNumber(topP) && topP > 0 && topP <= 1, 'topP', `expected a number in (0, 1], got ${topP}`);
  check(Number.isInteger(topK) && topK >= 0, 'topK', `expected an integer >= 0, got ${topK}`);
  check(isNumber(minP) && minP >= 0 && minP <= 1, 'minP', `expected a number in [0, 1], got ${minP}`);
  check(
    topLogprobs === 'all' || (Number.isInteger(topLogprobs) && topLogprobs >= 0 && topLogprobs <= vocabSize),
    'topLogprobs',
    `expected an integer from 0 to the vocabulary size (${vocabSize}) or 'all', got ${String(topLogprobs)}`,
  );
  check(
    maxTokens === undefined || (Number.isInteger(maxTokens) && maxTokens >= 0),
    'maxTokens',
    `expected an integer >= 0, got ${maxTokens}`,
  );
  check(
    request.seed === undefined || isNumber(request.seed),
    'seed',
    `expected a finite number, got ${request.seed}`,
  );
  const stop = request.stop ?? [];
  check(
    Array.isArray(stop) && stop.every((s) => typeof s === 'string'),
    'stop',
    'expected an array of strings',
  );
  const { ignoreEos = false, minTokens = 0 } = request;
  check(typeof ignoreEos === 'boolean', 'ignoreEos', `expected true or false, got ${String(ignoreEos)}`);
  check(
    Number.isInteger(minTokens) && minTokens >= 0,
    'minTokens',
    `expected an integer >= 0, got ${String(minTokens)}`,
  );
  check(
    maxTokens === undefined || minTokens <= maxTokens,
    'minTokens',
    `expected at most maxTokens (${maxTokens}), got ${minTokens}`,
  );
  const distribution = request.distribution ?? 'raw';
  check(
    distribution === 'raw' || distribution === 'processed',
    'distribution',
    `expected 'raw' or 'processed', got ${String(distribution)}`,
  );
  const seed =
    request.seed === undefined ? Math.floor(Math.random() * 0x1_0000_0000) : Math.floor(request.seed) >>> 0;
  return {
    temperature,
    topP,
    topK,
    minP,
    seed,
    logprobs: request.logprobs ?? true,
    topLogprobs,
    distribution,
    maxTokens,
    stop: stop.filter((s) => s.length > 0),
    echo: request.echo ?? false,
    ignoreEos,
    minTokens,
  };
}
