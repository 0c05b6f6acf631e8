import type { Completion, Distribution } from '../model/Completion.js';
import type { Token } from '../model/Token.js';
import { mergeSplitCharacters } from '../text/mergeSplitCharacters.js';
import { markControlTokens } from './markControlTokens.js';

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
 * Finishes a parser's tokens into a `Completion`: marks control tokens that are not part of the
 * response text (`markControlTokens`: the `<|eot_id|>` a server lists after the answer), merges split
 * UTF-8 characters of the others (see `mergeSplitCharacters`), sets `text` to the tokens'
 * concatenation and `topK` to the largest number of alternatives seen.
 */
export function buildCompletion(tokens: readonly Token[], info: CompletionInfo): Completion {
  const merged = mergeAroundControls(markControlTokens(tokens, info.responseText), info.responseText);
  const completion: Completion = {
    index: info.index,
    text: merged.map((t) => t.text).join(''),
    tokens: merged,
    distribution: info.distribution,
    topK: merged.reduce((k, t) => Math.max(k, t.top.length), 0),
  };
  if (info.prompt) completion.prompt = mergeAroundControls(markControlTokens(info.prompt));
  if (info.finishReason) completion.finishReason = info.finishReason;
  if (info.vocabSize !== undefined) completion.vocabSize = info.vocabSize;
  return completion;
}

/** `mergeSplitCharacters` over the tokens that are not control tokens, which keep their places. */
function mergeAroundControls(tokens: readonly Token[], responseText?: string): Token[] {
  if (!tokens.some((t) => t.control)) return mergeSplitCharacters(tokens, responseText);
  const places: number[] = [];
  tokens.forEach((t, i) => {
    if (!t.control) places.push(i);
  });
  const merged = mergeSplitCharacters(
    places.map((i) => tokens[i]!),
    responseText,
  );
  const out = tokens.slice();
  merged.forEach((t, k) => {
    const group = t.utf8Group;
    out[places[k]!] = group ? { ...t, utf8Group: [places[group[0]]!, places[group[1] - 1]! + 1] } : t;
  });
  return out;
}
