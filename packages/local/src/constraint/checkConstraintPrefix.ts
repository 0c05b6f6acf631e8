import { InvalidOptionError } from '@tokenscope/core';
import type { GenerateRequest } from '../Engine.js';

/**
 * `GenerateRequest.constraintPrefix`, checked: token ids of the vocabulary, and only with a
 * `constraint`. Absent: none.
 */
export function checkConstraintPrefix(request: GenerateRequest, vocabSize: number): number[] {
  const prefix: unknown = request.constraintPrefix;
  if (prefix === undefined) return [];
  if (request.constraint === undefined) {
    throw new InvalidOptionError(
      'constraintPrefix',
      'a prefix is what a constraint accepts before generation; send it with a constraint, or leave it out',
    );
  }
  if (!Array.isArray(prefix))
    throw new InvalidOptionError('constraintPrefix', 'expected an array of token ids');
  for (const [i, id] of prefix.entries()) {
    if (!Number.isInteger(id) || id < 0 || id >= vocabSize) {
      throw new InvalidOptionError(
        `constraintPrefix[${i}]`,
        `expected a token id from 0 to ${vocabSize - 1}, got ${JSON.stringify(id)}`,
      );
    }
  }
  return prefix as number[];
}
