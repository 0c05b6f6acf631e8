import { TokenscopeError } from '@tokenscope/core';

/** node-llama-cpp lacks an internal the fast generation loop relies on (another version is installed). */
export class EngineInternalsError extends TokenscopeError {
  readonly internal: string;

  constructor(internal: string, version: string) {
    super(
      'engine_internals',
      `expected node-llama-cpp ${version} with ${internal}, but it is missing: install node-llama-cpp@${version} exactly`,
      { status: 500, type: 'engine_error' },
    );
    this.internal = internal;
  }
}
