import type { GenerateResult } from '@tokenscope/local';

/** OpenAI's `usage` of `n` choices of one prompt: the prompt counted once, every choice's tokens summed. */
export function usageOf(results: readonly GenerateResult[]) {
  const prompt = results[0]?.usage.promptTokens ?? 0;
  const completion = results.reduce((sum, r) => sum + r.usage.completionTokens, 0);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}
