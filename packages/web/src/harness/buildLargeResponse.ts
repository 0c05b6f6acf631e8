import type { Completion, LogprobResponse, Token } from '@tokenscope/core';

/**
 * A long answer made of REAL recorded tokens: the first completion of each response, repeated in
 * turn until `count` tokens (the last repetition is cut). Used for the 10,000-token test and bench,
 * since the recorded fixtures are short and generating 10,000 tokens locally is too slow for tests.
 * `utf8Group` ranges are shifted with their tokens; a group cut by the limit is dropped.
 */
export function buildLargeResponse(responses: readonly LogprobResponse[], count: number): LogprobResponse {
  const sources = responses
    .map((r) => r.completions[0])
    .filter((c): c is Completion => !!c && c.tokens.length > 0);
  if (sources.length === 0) throw new Error('buildLargeResponse needs at least one response with tokens');
  const tokens: Token[] = [];
  let topK = 0;
  for (let k = 0; tokens.length < count; k++) {
    const c = sources[k % sources.length]!;
    topK = Math.max(topK, c.topK);
    const base = tokens.length;
    for (const t of c.tokens) {
      if (tokens.length >= count) break;
      const copy: Token = { ...t };
      if (t.utf8Group) {
        const group: [number, number] = [t.utf8Group[0] + base, t.utf8Group[1] + base];
        if (group[1] <= count) copy.utf8Group = group;
        else delete copy.utf8Group;
      }
      tokens.push(copy);
    }
  }
  return {
    format: responses[0]!.format,
    model: `synthetic: ${sources.length} recorded answers repeated to ${count} tokens`,
    completions: [
      {
        index: 0,
        text: tokens.map((t) => t.text).join(''),
        tokens,
        distribution: 'unknown',
        topK,
      },
    ],
  };
}
