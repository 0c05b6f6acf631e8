import type { ConstraintInfo } from '@tokenscope/core';

/** Whether an output satisfies its constraint to the end: `ConstraintInfo.complete` and why not. */
export type Completeness = Required<Pick<ConstraintInfo, 'complete'>> &
  Pick<ConstraintInfo, 'incompleteReason'>;

/**
 * Decides whether a constrained output is complete. `text` is the whole constrained output (the
 * accepted prefix included); `stoppedByLength` is true when the token limit ended generation rather
 * than the end of text, which a grammar allows only once it is complete.
 */
export type CompletenessCheck = (text: string, stoppedByLength: boolean) => Completeness;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const CUT = ' (the token limit cut it off)';

/** A choices answer is complete when it is one of the choices. */
export function choicesCompleteness(choices: readonly string[]): CompletenessCheck {
  return (text, stoppedByLength) =>
    choices.includes(text)
      ? { complete: true }
      : {
          complete: false,
          incompleteReason: `${JSON.stringify(text)} is none of the choices${stoppedByLength ? CUT : ''}`,
        };
}

/**
 * A JSON-schema answer is complete when it parses as JSON and satisfies the schema; `parse` is
 * node-llama-cpp's `LlamaJsonSchemaGrammar.parse`, which throws for either failure.
 */
export function jsonSchemaCompleteness(parse: (json: string) => unknown): CompletenessCheck {
  return (text, stoppedByLength) => {
    try {
      JSON.parse(text);
    } catch (error) {
      return {
        complete: false,
        incompleteReason: `the output is not valid JSON${stoppedByLength ? CUT : ''}: ${message(error)}`,
      };
    }
    try {
      parse(text);
      return { complete: true };
    } catch (error) {
      return {
        complete: false,
        incompleteReason: `the JSON does not satisfy the schema${stoppedByLength ? CUT : ''}: ${message(error)}`,
      };
    }
  };
}

/**
 * A grammar answer is complete when generation ended by itself: llama.cpp's grammar sampler allows
 * only the end of text once the root rule is complete, so an answer the token limit stopped did not
 * reach it (or reached it on exactly the last allowed token, which the engine cannot tell apart).
 */
export const grammarCompleteness: CompletenessCheck = (_text, stoppedByLength) =>
  stoppedByLength
    ? {
        complete: false,
        incompleteReason: 'the token limit stopped generation before the grammar was complete',
      }
    : { complete: true };
