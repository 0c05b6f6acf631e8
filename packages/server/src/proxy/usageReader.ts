import { createSseDecoder, isRecord } from '@tokenscope/core';

export interface ReadUsage {
  inputTokens?: number;
  outputTokens?: number;
}

/** OpenAI's `usage` of a chat / completions body or chunk, or of a Responses object or event. */
function usageOfValue(value: unknown): ReadUsage | undefined {
  if (!isRecord(value)) return undefined;
  const usage = isRecord(value.usage)
    ? value.usage
    : isRecord(value.response) && isRecord(value.response.usage)
      ? value.response.usage
      : undefined;
  if (usage === undefined) return undefined;
  const count = (...values: unknown[]) =>
    values.find((v): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);
  const inputTokens = count(usage.prompt_tokens, usage.input_tokens);
  const outputTokens = count(usage.completion_tokens, usage.output_tokens);
  return {
    ...(inputTokens === undefined ? {} : { inputTokens }),
    ...(outputTokens === undefined ? {} : { outputTokens }),
  };
}

/**
 * Reads the token usage an upstream reported from its response text as it passes: a whole JSON body
 * is kept and read at the end; a stream (the first character is not `{`) is read event by event, and
 * only the events that mention `"usage"` are parsed (a stream has it when the client asked for
 * `stream_options.include_usage`, a Responses stream in `response.completed`).
 */
export function createUsageReader(): { write(text: string): void; end(): ReadUsage | undefined } {
  let whole: string | undefined;
  let usage: ReadUsage | undefined;
  const sse = createSseDecoder({
    onEvent(event) {
      if (!event.data.includes('"usage"')) return;
      try {
        usage = usageOfValue(JSON.parse(event.data)) ?? usage;
      } catch {
        // [DONE] or not JSON
      }
    },
  });
  let framing: 'json' | 'sse' | undefined;
  return {
    write(text) {
      if (framing === undefined) {
        const first = text.trimStart()[0];
        if (first === undefined) {
          whole = (whole ?? '') + text;
          return;
        }
        framing = first === '{' ? 'json' : 'sse';
        if (whole !== undefined) text = whole + text;
        whole = undefined;
      }
      if (framing === 'json') whole = (whole ?? '') + text;
      else sse.write(text);
    },
    end() {
      if (framing === 'sse') {
        sse.end();
        return usage;
      }
      try {
        return whole === undefined ? undefined : usageOfValue(JSON.parse(whole));
      } catch {
        return undefined;
      }
    },
  };
}
