import type { Distribution, FormatId } from '../model/Completion.js';
import { ChoiceCollector } from './ChoiceCollector.js';
import type { FormatParser, ParseOptions } from './FormatParser.js';
import { readOpenAIValue } from './readOpenAIValue.js';

/** What distinguishes one OpenAI-shaped format from another. */
export interface OpenAIFamilySpec {
  id: FormatId;
  label: string;
  /** What to request when the response has no logprobs. */
  hint: string;
  distribution: Distribution;
  detect(value: unknown, event?: string): boolean;
}

/** A `FormatParser` for a format of the OpenAI family (they share one reader, see `readOpenAIValue`). */
export function openaiFamilyParser(spec: OpenAIFamilySpec): FormatParser {
  return {
    id: spec.id,
    label: spec.label,
    detect: spec.detect,
    accumulate(options: ParseOptions = {}) {
      const collector = new ChoiceCollector(spec.id, spec.hint, options);
      return {
        push: (value) => readOpenAIValue(value, collector),
        done: () => {
          collector.done = true;
        },
        finish: () => collector.finish(spec.distribution),
      };
    },
  };
}
