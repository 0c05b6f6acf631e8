export { mergeSplitCharacters } from './mergeSplitCharacters.js';
export type { Utf8Prefix } from './utf8.js';
export { decodeUtf8Prefix, parseEscapedBytes, utf8Decode, utf8Encode } from './utf8.js';
