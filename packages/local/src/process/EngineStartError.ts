import { TokenscopeError } from '@tokenscope/core';
import { describeExit, type ProcessExit } from './EngineCrashedError.js';

/** The model process could not be started, or died or hung while loading the model. */
export class EngineStartError extends TokenscopeError {
  readonly modelPath: string;
  readonly exit: ProcessExit | undefined;

  constructor(modelPath: string, problem: ProcessExit | string, options: { cause?: unknown } = {}) {
    const detail =
      typeof problem === 'string'
        ? problem
        : `the model process died while loading (${describeExit(problem)})`;
    super(
      'engine_start_failed',
      `cannot start the model ${modelPath}: ${detail}; check that it is a GGUF file that llama.cpp can load`,
      { status: 503, type: 'engine_error', cause: options.cause },
    );
    this.modelPath = modelPath;
    this.exit = typeof problem === 'string' ? undefined : problem;
  }
}
