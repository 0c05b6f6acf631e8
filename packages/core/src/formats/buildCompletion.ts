import type { Completion, Distribution } from '../model/Completion.js';
import type { Token } from '../model/Token.js';
import { mergeSplitCharacters } from '../text/mergeSplitCharacters.js';

/** What a parser knows about a completion besides its tokens. */
export interface CompletionInfo {
  index: number;
  distribution: Distribution;
  /** The response text as the provider gave it (message content), used to repair split characters. */
  responseText?: string;
  finishReason?: string | null;
  prompt?: Token[];
  vocabSize?: number;
}

/**
 * Finishes a parser's tokens into a `Completion`: merges split UTF-8 characters (see
 * `mergeSplitCharacters`), sets `text` to the tokens' concatenation and `topK` to the largest number
 * of alternatives seen.
 */
export function buildCompletion(tokens: readonly Token[], info: CompletionInfo): Completion {
  const merged = mergeSplitCharacters(tokens, info.responseText);
  const completion: Completion = {
    index: info.index,
    text: merged.map((t) => t.text).join(''),
    tokens: merged,
    distribution: info.distribution,
    topK: merged.reduce((k, t) => Math.max(k, t.top.length), 0),
  };
  if (info.prompt) completion.prompt = mergeSplitCharacters(info.prompt);
  if (info.finishReason) completion.finishReason = info.finishReason;
  if (info.vocabSize !== undefined) completion.vocabSize = info.vocabSize;
  return completion;
}
