import type { Completion } from '../model/Completion.js';
import type { Ending } from './Analysis.js';

/**
 * The providers' finish reasons, by what they mean. Cut off by the token limit: OpenAI / vLLM / TGI /
 * Ollama / llama.cpp `length`, Anthropic `max_tokens`, Gemini `MAX_TOKENS`, OpenAI Responses
 * `incomplete_details.reason: max_output_tokens`, llama.cpp's `stopped_limit`, LangChain/AI SDK
 * `length`; llama.cpp's `stop_type` `limit`. Compared in lower case.
 */
const LENGTH = new Set([
  'length',
  'max_tokens',
  'max_output_tokens',
  'max_new_tokens',
  'limit',
  'stopped_limit',
]);
const STOP = new Set([
  'stop',
  'eos',
  'eos_token',
  'end_turn',
  'stop_sequence',
  'stopped_eos',
  'stopped_word',
  'word',
  'tool_calls',
  'function_call',
  'tool_use',
  'tool-calls',
  'completed',
]);
const FILTERED = new Set([
  'content_filter',
  'content-filter',
  'safety',
  'recitation',
  'blocklist',
  'prohibited_content',
  'spii',
  'refusal',
]);

/**
 * How a completion ended (see `Ending`): the one place that decides "cut off" (from the provider's
 * finish reason) and "incomplete under its constraint" (`constraintIncompleteness`).
 */
export function endingOf(completion: Pick<Completion, 'finishReason' | 'constraint' | 'text'>): Ending {
  const ending = endingOfReason(completion.finishReason);
  const incomplete = constraintIncompleteness(completion, ending.cutOff);
  if (incomplete !== undefined) ending.constraintIncomplete = incomplete;
  return ending;
}

/**
 * Why a constrained answer does not satisfy its constraint, or undefined when it does (or was not
 * constrained). The engine's own check (`ConstraintInfo.complete`) decides when it made one; else a
 * JSON-schema answer is incomplete when its text does not parse as JSON, and a grammar or choices
 * answer when the token limit stopped it (a finished grammar allows only the end of text, so a
 * generation that ran to the limit did not finish it).
 */
function constraintIncompleteness(
  completion: Pick<Completion, 'constraint' | 'text'>,
  cutOff: boolean,
): string | undefined {
  const info = completion.constraint;
  if (info === undefined || info.complete === true) return undefined;
  if (info.complete === false) return info.incompleteReason ?? `the output does not satisfy the ${info.kind}`;
  if (info.kind === 'json-schema') {
    try {
      JSON.parse(completion.text);
      return undefined;
    } catch {
      return `the output is not valid JSON${cutOff ? ' (the token limit cut it off)' : ''}`;
    }
  }
  return cutOff ? `the token limit stopped the output before the ${info.kind} was complete` : undefined;
}

function endingOfReason(finishReason: string | undefined): Ending {
  if (finishReason === undefined || finishReason === '') return { kind: 'unknown', cutOff: false };
  const reason = finishReason.toLowerCase();
  const kind = LENGTH.has(reason)
    ? 'length'
    : STOP.has(reason)
      ? 'stop'
      : FILTERED.has(reason)
        ? 'filtered'
        : 'other';
  return { kind, cutOff: kind === 'length', finishReason };
}
