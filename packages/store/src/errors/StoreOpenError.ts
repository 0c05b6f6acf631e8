import { TokenscopeError } from '@tokenscope/core';

/**
 * The run store's file or folder cannot be opened: the path is not a SQLite database, the folder
 * cannot be created or written, or the file was written by a newer Tokenscope. The user's file is
 * never changed when this is thrown.
 */
export class StoreOpenError extends TokenscopeError {
  /** The file or folder that could not be opened. */
  readonly path: string;

  constructor(path: string, detail: string, options?: { cause?: unknown }) {
    super('store_open', `cannot open the run store at ${path}: ${detail}`, {
      status: 503,
      cause: options?.cause,
    });
    this.path = path;
  }
}
