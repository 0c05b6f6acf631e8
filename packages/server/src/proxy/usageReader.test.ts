import { describe, expect, it } from 'vitest';
import { createUsageReader } from './usageReader.js';

function read(...chunks: string[]) {
  const reader = createUsageReader();
  for (const chunk of chunks) reader.write(chunk);
  return reader.end();
}

describe('createUsageReader', () => {
  it('reads a whole body in pieces', () => {
    expect(read('  {"id":"x","usage":{"prompt_tok', 'ens":3,"completion_tokens":4}}')).toEqual({
      inputTokens: 3,
      outputTokens: 4,
    });
    expect(read('{"id":"x"}')).toBeUndefined();
  });

  it('reads the usage event of a stream (chat chunks, a Responses stream)', () => {
    expect(
      read(
        'data: {"choices":[{"delta":{"content":"usage"}}],"usage":null}\n\n',
        'data: {"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2}}\n\ndata: [DONE]\n\n',
      ),
    ).toEqual({ inputTokens: 5, outputTokens: 2 });
    expect(
      read(
        'event: response.completed\ndata: {"response":{"usage":{"input_tokens":1,"output_tokens":8}}}\n\n',
      ),
    ).toEqual({ inputTokens: 1, outputTokens: 8 });
    expect(read('data: {"choices":[]}\n\n')).toBeUndefined();
  });
});
