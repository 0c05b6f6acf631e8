/**
 * Messages between `EngineProcess` (parent) and `engineHost` (the child that runs the model), sent
 * over Node's IPC channel with `serialization: 'advanced'` (structured clone: `-Infinity`, `NaN`
 * and `undefined` survive, unlike JSON).
 */
import type { Token } from '@tokenscope/core';
import type { ScoreContinuationsResult, ScoringPrefix } from '../ContinuationScores.js';
import type { GenerateRequest, GenerateResult, ModelInfo, ScoreResult } from '../Engine.js';

/** Options the child passes to `loadEngine`. */
export interface HostLoadOptions {
  contextSize?: number;
  threads?: number;
}

/** The work one request asks of the child. */
export type HostCall =
  | { method: 'generate'; request: GenerateRequest; stream: boolean }
  | { method: 'score'; text: string; topLogprobs?: number }
  | { method: 'tokenize'; text: string }
  | { method: 'scoreContinuations'; prefix: ScoringPrefix; continuations: string[]; topLogprobs?: number };

/** What each method resolves with. */
export interface HostResults {
  generate: GenerateResult;
  score: ScoreResult;
  tokenize: number[];
  scoreContinuations: ScoreContinuationsResult;
}

/** Parent → child. */
export type ParentMessage =
  | { type: 'load'; modelPath: string; options: HostLoadOptions }
  | { type: 'call'; id: number; call: HostCall }
  | { type: 'cancel'; id: number }
  | { type: 'close' };

/** An error as it crosses the process boundary. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
  /** Own enumerable properties of the error that survive structured clone (e.g. `option`). */
  props?: Record<string, unknown>;
}

/** Child → parent. */
export type ChildMessage =
  | { type: 'ready'; info: ModelInfo }
  | { type: 'loadFailed'; error: SerializedError }
  | { type: 'token'; id: number; token: Token }
  | { type: 'result'; id: number; value: HostResults[keyof HostResults] }
  | { type: 'failed'; id: number; error: SerializedError; aborted: boolean }
  | { type: 'closed' };
