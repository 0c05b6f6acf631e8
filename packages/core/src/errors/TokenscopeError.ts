/**
 * Base class of every error Tokenscope throws on purpose. `code` is stable and machine-readable;
 * `message` is one line a user can act on: what was expected, what came, what to do.
 */
export class TokenscopeError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
