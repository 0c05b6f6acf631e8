import type { Token, TopAlternative } from '@tokenscope/core';
import { constrainedValues } from '../constraint/constrainedValues.js';
import type { ConstrainedStep } from '../constraint/readConstrainedStep.js';
import type { Vocabulary } from './Vocabulary.js';

/** Turns a sampled (or measured) step into a core `Token`: piece text, real bytes, alternatives. */
export function stepToken(step: ConstrainedStep, vocabulary: Vocabulary): Token {
  const piece = vocabulary.piece(step.token);
  const count = step.topIds.length;
  const top: TopAlternative[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const id = step.topIds[i]!;
    const alt = vocabulary.alternative(id);
    top[i] = { text: alt.text, logprob: step.topLogprobs[i]!, bytes: alt.bytes, id };
  }
  const token: Token = {
    text: piece.text,
    bytes: piece.bytes.slice(),
    logprob: step.logprob,
    id: step.token,
    top,
  };
  if (piece.special) token.special = true;
  if (step.entropy !== undefined) token.entropy = step.entropy;
  if (step.constrained) token.constrained = constrainedValues(step.constrained, vocabulary);
  return token;
}

/** A token read without a logprob (the first prompt token, which nothing precedes). */
export function bareToken(id: number, vocabulary: Vocabulary): Token {
  return stepToken({ token: id, logprob: null, topIds: [], topLogprobs: [] }, vocabulary);
}
