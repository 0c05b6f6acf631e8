import { TokenscopeError } from '@tokenscope/core';

/** A file that should be a GGUF model is not one (wrong magic bytes, a directory, an HTML page). */
export class InvalidModelFileError extends TokenscopeError {
  /** The file (or the URL it came from). */
  readonly path: string;

  constructor(path: string, detail: string) {
    super('invalid_model_file', `${path} is not a GGUF model: ${detail}`, { status: 400, param: 'model' });
    this.path = path;
  }
}
