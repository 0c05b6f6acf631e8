import { isRecord } from './checkShape.js';
import type { FormatParser } from './FormatParser.js';
import { openaiFamilyParser } from './openaiFamily.js';
import { firstChoice } from './readOpenAIValue.js';

/**
 * OpenAI Chat Completions, whole (`choices[i].logprobs.content`, `refusal` when content is null) and
 * streamed (`chat.completion.chunk`). Also DeepSeek, Azure, OpenRouter, llama.cpp and Ollama `/v1`.
 */
export const openaiChat: FormatParser = openaiFamilyParser({
  id: 'openai-chat',
  label: 'OpenAI Chat Completions',
  hint: 'request "logprobs": true, "top_logprobs": 5 (reasoning models refuse logprobs)',
  distribution: 'unknown',
  detect(value) {
    if (!isRecord(value)) return false;
    if (value.object === 'chat.completion' || value.object === 'chat.completion.chunk') return true;
    const choice = firstChoice(value);
    return choice !== undefined && (isRecord(choice.message) || isRecord(choice.delta));
  },
});
