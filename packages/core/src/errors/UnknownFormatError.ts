import { TokenscopeError } from './TokenscopeError.js';

/** The input is JSON but matches none of the known response shapes. */
export class UnknownFormatError extends TokenscopeError {
  constructor(seen: string, knownFormats: readonly string[]) {
    super(
      'unknown_format',
      `unknown response shape (${seen}); expected one of: ${knownFormats.join(', ')}. ` +
        'Pass --from FORMAT to name it.',
      { status: 400 },
    );
  }
}
