import { isRecord } from './checkShape.js';
import type { FormatParser } from './FormatParser.js';
import { openaiFamilyParser } from './openaiFamily.js';
import { firstChoice } from './readOpenAIValue.js';

/**
 * OpenAI legacy Completions: `choices[i].logprobs = {tokens, token_logprobs, top_logprobs, text_offset}`;
 * streamed chunks repeat the arrays for their tokens. With `echo` the prompt tokens lead the arrays
 * (first token_logprob null): see `ChoiceCollector` for where the prompt ends.
 */
export const openaiCompletions: FormatParser = openaiFamilyParser({
  id: 'openai-completions',
  label: 'OpenAI Completions (legacy)',
  hint: 'request "logprobs": 5 (an integer, at most 5; "echo": true adds the prompt)',
  distribution: 'unknown',
  detect(value) {
    if (!isRecord(value)) return false;
    if (value.object === 'text_completion') return true;
    const choice = firstChoice(value);
    return choice !== undefined && typeof choice.text === 'string' && !('message' in choice);
  },
});
