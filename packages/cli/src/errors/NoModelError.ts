import { TokenscopeError } from '@tokenscope/core';

/** No `--model` was given and no default model was found. */
export class NoModelError extends TokenscopeError {
  constructor(searched: readonly string[]) {
    super(
      'no_model',
      `no model given and none found: pass --model PATH|URL|hf:owner/repo:QUANT, set $TOKENSCOPE_MODEL, or put a .gguf file in ${searched.join(', ')} (searched in that order)`,
    );
  }
}
