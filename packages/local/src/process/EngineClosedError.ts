import { TokenscopeError } from '@tokenscope/core';

/** A request came after `close()`, or was still waiting when `close()` was called. */
export class EngineClosedError extends TokenscopeError {
  constructor(modelId: string) {
    super('engine_closed', `the engine for ${modelId} is closed; start a new one to run more requests`, {
      status: 503,
      type: 'engine_error',
    });
  }
}
