import type { RunRecord, Token, TopAlternative } from '@tokenscope/core';
import type { Engine } from '@tokenscope/local';
import { ApiError } from '../../ApiError.js';
import { measureDistribution } from './measureDistribution.js';
import { chosenAlternative } from './runPosition.js';

/**
 * The token a local branch puts at `position`. A choice by id may be any token of the model's
 * vocabulary (the explorer lists the whole distribution): one of the stored top-k keeps its stored
 * values; any other is read from the distribution the model gives at that position (as
 * `POST /api/runs/:id/distribution` computes it), so its logprob is the model's own. A choice by text
 * alone must be among the stored top-k. 400 `token.id` for an id outside the vocabulary.
 */
export async function localAlternative(
  engine: Engine,
  run: RunRecord,
  parent: { token: Token; position: number },
  choice: { text: string; id?: number | undefined },
  signal: AbortSignal,
): Promise<TopAlternative> {
  const { token, position } = parent;
  const id = choice.id;
  if (id === undefined) return chosenAlternative(token, choice, position);
  const vocabSize = engine.info.vocabSize;
  if (id >= vocabSize) {
    throw ApiError.invalid(
      'token.id',
      `Invalid 'token.id': expected a token id from 0 to ${vocabSize - 1} (the vocabulary of ${run.model}), got ${id}; pick a token of the distribution at position ${position}`,
    );
  }
  const stored = token.top.find((alt) => alt.id === id);
  if (stored !== undefined) return stored;
  const measured = await measureDistribution(engine, run, position, 'all', signal);
  const found = measured.top.find((alt) => alt.id === id);
  if (found === undefined) {
    throw ApiError.invalid(
      'token.id',
      `Invalid 'token.id': the model gave no probability for token ${id} at position ${position}; pick a token of the distribution there`,
    );
  }
  return found;
}
