import { isRecord } from './checkShape.js';
import type { FormatParser } from './FormatParser.js';
import { openaiFamilyParser } from './openaiFamily.js';
import { firstChoice } from './readOpenAIValue.js';

/**
 * llama.cpp server `/v1/completions`: completions choices whose `logprobs` is a chat-style
 * `{content: [{id, token, bytes, logprob, top_logprobs}]}` list, not the legacy arrays. Raw values.
 */
export const llamacppV1Completions: FormatParser = openaiFamilyParser({
  id: 'llamacpp-v1-completions',
  label: 'llama.cpp /v1/completions',
  hint: 'request "logprobs": 5 on /v1/completions (or "n_probs": 5 on /completion)',
  distribution: 'raw',
  detect(value) {
    const choice = firstChoice(value);
    return (
      choice !== undefined &&
      typeof choice.text === 'string' &&
      !('message' in choice) &&
      !('delta' in choice) &&
      isRecord(choice.logprobs) &&
      Array.isArray(choice.logprobs.content)
    );
  },
});
