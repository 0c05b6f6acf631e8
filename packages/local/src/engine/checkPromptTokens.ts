import { InvalidOptionError } from '@tokenscope/core';

/** How many bad ids an error message shows at most. */
const SHOWN = 60;

function show(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : JSON.stringify(value);
  return text === undefined ? String(value) : text.length > SHOWN ? `${text.slice(0, SHOWN - 3)}...` : text;
}

/**
 * Checks a token-id prompt (`{ tokens }`): a non-empty array of integers from 0 to `vocabSize - 1`.
 * Returns a copy; throws `InvalidOptionError` (option `prompt.tokens`) naming the first bad entry.
 */
export function checkPromptTokens(tokens: unknown, vocabSize: number): number[] {
  if (!Array.isArray(tokens) || tokens.length === 0) {
    throw new InvalidOptionError(
      'prompt.tokens',
      `expected a non-empty array of token ids, got ${show(tokens)}; pass the ids to evaluate (e.g. a result's promptTokenIds)`,
    );
  }
  const ids: number[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const id: unknown = tokens[i];
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= vocabSize) {
      throw new InvalidOptionError(
        'prompt.tokens',
        `expected integer token ids from 0 to ${vocabSize - 1} (the vocabulary size is ${vocabSize}), got ${show(id)} at index ${i}`,
      );
    }
    ids[i] = id;
  }
  return ids;
}
