import { TokenscopeError } from '@tokenscope/core';

/** A model the user named does not exist: no such file, or no matching file in a Hugging Face repository. */
export class ModelNotFoundError extends TokenscopeError {
  /** The path or reference that was asked for. */
  readonly ref: string;

  constructor(ref: string, detail: string) {
    super('model_not_found', `model not found: ${detail}`, { status: 404, param: 'model' });
    this.ref = ref;
  }
}
