import { TokenscopeError } from '@tokenscope/core';

/** A model reference that is neither a path, a URL nor a Hugging Face reference this package reads. */
export class InvalidModelRefError extends TokenscopeError {
  readonly ref: string;

  constructor(ref: string) {
    super(
      'invalid_model_ref',
      `invalid model reference ${JSON.stringify(ref)}: expected a path to a .gguf file, an https:// URL, ` +
        'hf:owner/repo/file.gguf, owner/repo/file.gguf or hf:owner/repo:QUANT (e.g. hf:owner/repo:Q4_K_M)',
    );
    this.ref = ref;
  }
}
