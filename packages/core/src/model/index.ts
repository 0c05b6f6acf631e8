export type { Completion, Distribution, FormatId, LogprobResponse } from './Completion.js';
export { FORMAT_IDS } from './Completion.js';
export type { RawValue, Token, TopAlternative } from './Token.js';
