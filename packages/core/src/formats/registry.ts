import type { FormatParser } from './FormatParser.js';

/**
 * Every format parser, in detection order: a format that extends another (vLLM's extra fields on the
 * OpenAI shapes, DeepSeek's escaped bytes) comes before the general one.
 */
export const FORMAT_PARSERS: readonly FormatParser[] = [];
