import type { ConstrainedValues, TopAlternative } from '@tokenscope/core';
import type { Vocabulary } from '../engine/Vocabulary.js';
import type { ConstrainedPart } from './readConstrainedStep.js';

/** A step's constrained part as the core data model's `Token.constrained`. */
export function constrainedValues(part: ConstrainedPart, vocabulary: Vocabulary): ConstrainedValues {
  const top: TopAlternative[] = part.topIds.map((id, i) => {
    const alt = vocabulary.alternative(id);
    return { text: alt.text, logprob: part.topLogprobs[i]!, bytes: alt.bytes, id };
  });
  const values: ConstrainedValues = { logprob: part.logprob, top, allowedMass: part.allowedMass };
  if (part.entropy !== undefined) values.entropy = part.entropy;
  return values;
}
