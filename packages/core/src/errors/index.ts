export { InputTooLargeError } from './InputTooLargeError.js';
export { InvalidJsonError } from './InvalidJsonError.js';
export { InvalidOptionError } from './InvalidOptionError.js';
export { InvalidValueError } from './InvalidValueError.js';
export { NoLogprobsError } from './NoLogprobsError.js';
export { TokenscopeError } from './TokenscopeError.js';
export { TruncatedStreamError } from './TruncatedStreamError.js';
export { UnknownFormatError } from './UnknownFormatError.js';
