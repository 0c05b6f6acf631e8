/**
 * What `review` accepts: a `ReviewDecision`. The sentence text is kept as given (it is compared with
 * the sentence later); the edited text must not be blank; a note is trimmed and dropped when empty.
 * Unknown keys are dropped.
 */
import { REVIEW_DECISIONS, type ReviewDecision } from '@tokenscope/core';
import { z } from 'zod';
import { InvalidReviewError } from '../errors/InvalidReviewError.js';
import { parseWith } from './parseWith.js';

/** Longest sentence text or edited text, in characters. */
export const MAX_REVIEW_TEXT = 20_000;
/** Longest note, in characters. */
export const MAX_REVIEW_NOTE = 2_000;

const index = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = z.string().min(1).max(MAX_REVIEW_TEXT);

export const reviewDecisionSchema = z
  .object({
    sentence: index,
    charStart: index,
    charEnd: index,
    text,
    decision: z.enum(REVIEW_DECISIONS),
    editedText: text.optional(),
    note: z.string().max(MAX_REVIEW_NOTE).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.charEnd < value.charStart) {
      ctx.addIssue({
        code: 'custom',
        path: ['charEnd'],
        message: `expected a value >= charStart (${value.charStart})`,
        input: value.charEnd,
      });
    }
    if (value.decision === 'edited' && (value.editedText === undefined || value.editedText.trim() === '')) {
      ctx.addIssue({
        code: 'custom',
        path: ['editedText'],
        message:
          value.editedText === undefined
            ? 'an edited decision needs the corrected sentence'
            : 'expected the corrected sentence, got only whitespace',
        input: value.editedText,
      });
    }
    if (value.decision !== 'edited' && value.editedText !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['editedText'],
        message: `only an edited decision has an edited text (this one is ${value.decision}); leave it out`,
        input: value.editedText,
      });
    }
  });

/** Validates a decision (`InvalidReviewError` naming the field) and normalises its note. */
export function prepareReview(input: unknown): ReviewDecision {
  const parsed = parseWith(
    reviewDecisionSchema,
    input,
    'decision',
    (field, detail) => new InvalidReviewError(field, detail),
  );
  const decision: ReviewDecision = {
    sentence: parsed.sentence,
    charStart: parsed.charStart,
    charEnd: parsed.charEnd,
    text: parsed.text,
    decision: parsed.decision,
  };
  if (parsed.editedText !== undefined) decision.editedText = parsed.editedText;
  const note = parsed.note?.trim() ?? '';
  if (note !== '') decision.note = note;
  return decision;
}
