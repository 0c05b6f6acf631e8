import { TokenscopeError } from './TokenscopeError.js';

/** The input holds nothing to parse: no characters, only blank lines, or a stream without events. */
export class EmptyInputError extends TokenscopeError {
  constructor(detail = 'expected a JSON response, JSON lines or an SSE stream') {
    super('empty_input', `input is empty: ${detail}`, { status: 400 });
  }
}
