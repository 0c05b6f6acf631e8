import { isRecord } from './checkShape.js';
import type { FormatParser } from './FormatParser.js';
import { openaiFamilyParser } from './openaiFamily.js';
import { firstChoice, hasChoices } from './readOpenAIValue.js';

/**
 * Together AI: `choices[i].logprobs = {token_ids, tokens, token_logprobs, top_logprobs}`; `echo` adds a
 * top-level `prompt: [{text, logprobs}]`; streamed chat chunks carry `logprobs` as a bare number.
 */
export const together: FormatParser = openaiFamilyParser({
  id: 'together',
  label: 'Together AI',
  hint: 'request "logprobs": 1 (an integer 0-20, not true; "echo": true adds the prompt)',
  distribution: 'unknown',
  detect(value) {
    if (!hasChoices(value)) return false;
    const choice = firstChoice(value);
    const lp = choice?.logprobs;
    const prompt = value.prompt;
    return (
      typeof lp === 'number' ||
      (isRecord(lp) && Array.isArray(lp.token_ids)) ||
      (Array.isArray(prompt) && isRecord(prompt[0]) && 'logprobs' in prompt[0])
    );
  },
});
