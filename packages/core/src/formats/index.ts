export type { CompletionInfo } from './buildCompletion.js';
export { buildCompletion } from './buildCompletion.js';
export type { BuildOptions, RawAlternative, RawToken } from './buildToken.js';
export { buildAlternative, buildToken, byLogprobDesc } from './buildToken.js';
export type { FormatParser, ParseOptions, ResponseAccumulator } from './FormatParser.js';
export { FORMAT_PARSERS } from './registry.js';
