import { TokenscopeError } from './TokenscopeError.js';

/**
 * The library was handed something that is no response: not text, not an object, not an iterable of
 * stream chunks (a number, a Promise not awaited, an async stream given to the synchronous
 * `parseResponse`). `detail` says what came and what to do.
 */
export class UnsupportedInputError extends TokenscopeError {
  constructor(detail: string) {
    super(
      'unsupported_input',
      'expected a response (an object or its JSON text) or an iterable of stream chunks (objects or ' +
        `strings); ${detail}`,
      { status: 400 },
    );
  }
}
