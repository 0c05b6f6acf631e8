import { isRecord } from './checkShape.js';
import type { FormatParser } from './FormatParser.js';
import { openaiFamilyParser } from './openaiFamily.js';
import { firstChoice } from './readOpenAIValue.js';

/**
 * Fireworks AI: legacy arrays plus `choices[i].raw_output.completion_logprobs.content[]`, whose items add
 * `sampling_logprob`; the content list is preferred when present and its `logprob` (the model's value
 * before sampling) is used, hence `raw`.
 */
export const fireworks: FormatParser = openaiFamilyParser({
  id: 'fireworks',
  label: 'Fireworks AI',
  hint: 'request "logprobs": 5 (completions) or "logprobs": true, "top_logprobs": 5 (chat); "echo": true adds the prompt',
  distribution: 'raw',
  detect(value) {
    const choice = firstChoice(value);
    if (!choice) return false;
    if ('raw_output' in choice) return true;
    const lp = choice.logprobs;
    const item = isRecord(lp) && Array.isArray(lp.content) ? lp.content[0] : undefined;
    return isRecord(item) && 'sampling_logprob' in item;
  },
});
