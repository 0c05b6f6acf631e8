import { isRecord } from './checkShape.js';
import type { FormatParser } from './FormatParser.js';
import { openaiFamilyParser } from './openaiFamily.js';
import { firstChoice, hasChoices, hasTokenIdTokens } from './readOpenAIValue.js';

/**
 * vLLM's OpenAI-compatible server: the OpenAI chat and completions shapes plus `prompt_logprobs`
 * (top level for chat, per choice for completions) and tokens written `token_id:123`. Detected only by
 * those features; otherwise a vLLM response reads as the OpenAI format it mimics. Raw values.
 */
export const vllm: FormatParser = openaiFamilyParser({
  id: 'vllm',
  label: 'vLLM',
  hint:
    'request "logprobs": true, "top_logprobs": 5 (chat) or "logprobs": 5 (completions); ' +
    '"prompt_logprobs": 5 adds the prompt',
  distribution: 'raw',
  detect(value) {
    if (!hasChoices(value)) return false;
    const choice = firstChoice(value);
    return (
      'prompt_logprobs' in value ||
      (isRecord(choice) && 'prompt_logprobs' in choice) ||
      hasTokenIdTokens(value)
    );
  },
});
