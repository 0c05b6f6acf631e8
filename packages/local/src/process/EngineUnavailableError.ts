import { TokenscopeError } from '@tokenscope/core';

/** The model process crashed too often in a short time, and no more restarts are tried. */
export class EngineUnavailableError extends TokenscopeError {
  readonly modelPath: string;
  readonly crashes: number;

  constructor(modelPath: string, crashes: number, windowMs: number, last: string) {
    super(
      'engine_unavailable',
      `the model process for ${modelPath} crashed ${crashes} times within ${Math.round(windowMs / 1000)} s (last: ${last}), so it is not restarted again; restart tokenscope, and avoid the inputs that crash it`,
      { status: 503, type: 'engine_error' },
    );
    this.modelPath = modelPath;
    this.crashes = crashes;
  }
}
