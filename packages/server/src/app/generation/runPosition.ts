import type { Completion, RunRecord, Token, TopAlternative } from '@tokenscope/core';
import { ApiError } from '../../ApiError.js';

/** The run's first completion and its token at `position` (400 `position` when out of range). */
export function tokenAt(run: RunRecord, position: number): { completion: Completion; token: Token } {
  const completion = run.response.completions[0];
  const count = completion?.tokens.length ?? 0;
  const token = completion?.tokens[position];
  if (completion === undefined || token === undefined) {
    throw ApiError.invalid(
      'position',
      `Invalid 'position': expected a token index from 0 to ${count - 1} (the run has ${count} tokens), got ${position}`,
    );
  }
  return { completion, token };
}

/**
 * The alternative the user picked among the token's top-k: by id when the request gives one and the
 * alternatives carry ids, else by text. 400 `token` when it is not listed there.
 */
export function chosenAlternative(
  token: Token,
  choice: { text: string; id?: number | undefined },
  position: number,
): TopAlternative {
  const byId = choice.id !== undefined && token.top.some((alt) => alt.id !== undefined);
  const found = byId
    ? token.top.find((alt) => alt.id === choice.id)
    : token.top.find((alt) => alt.text === choice.text);
  if (found === undefined) {
    const what = byId ? `id ${choice.id}` : JSON.stringify(choice.text.slice(0, 40));
    throw ApiError.invalid(
      'token',
      `Invalid 'token': ${what} is not among the ${token.top.length} alternatives stored at position ${position}; pick one of them (GET /api/runs/:id shows them)`,
    );
  }
  return found;
}

/** A stored token as its provider sent it (the split-character merge is redone on the new response). */
export function unmerged(token: Token): Token {
  const { utf8Group: _group, rawText, ...rest } = token;
  return rawText === undefined ? rest : { ...rest, text: rawText };
}

/** The token a branch puts at `position`: the chosen alternative, with the parent's top-k there. */
export function branchToken(alternative: TopAlternative, parent: Token, special: boolean): Token {
  const token: Token = {
    text: special ? '' : alternative.text,
    bytes: special ? [] : alternative.bytes,
    logprob: alternative.logprob,
    top: parent.top,
  };
  if (alternative.id !== undefined) token.id = alternative.id;
  if (alternative.raw !== undefined) token.raw = alternative.raw;
  if (special) token.special = true;
  return token;
}

/**
 * How many tokens a branch generates after `position`: the whole answer's `maxTokens` less the
 * `position + 1` tokens it keeps (at least 1); undefined when there is no limit.
 */
export function continuationMaxTokens(maxTokens: number | undefined, position: number): number | undefined {
  return maxTokens === undefined ? undefined : Math.max(1, maxTokens - (position + 1));
}
