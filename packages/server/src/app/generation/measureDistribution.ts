import type { RunRecord, Token } from '@tokenscope/core';
import type { Engine } from '@tokenscope/local';
import { ApiError } from '../../ApiError.js';

/** Up to this vocabulary size the whole distribution is read (exact entropy and tail). */
const WHOLE_VOCAB_MAX = 65_536;

/**
 * The raw distribution after the prompt and the run's tokens before `position`: one greedy step from
 * those ids. When that step picks an end-of-generation token (no token comes back), the run's own
 * token at `position` is appended and read back as an echoed prompt token instead. `top` is how many
 * alternatives to list (the whole vocabulary when it has up to WHOLE_VOCAB_MAX tokens, or with 'all').
 */
export async function measureDistribution(
  engine: Engine,
  run: RunRecord,
  position: number,
  top: number | 'all',
  signal: AbortSignal,
): Promise<Token> {
  const tokens = run.response.completions[0]!.tokens;
  const ids = [...(run.promptTokenIds ?? []), ...tokens.slice(0, position + 1).map((t) => t.id)];
  if (ids.some((id) => id === undefined)) {
    throw ApiError.invalid(
      'position',
      `run ${run.id} lacks token ids before position ${position}, so its distribution cannot be recomputed`,
    );
  }
  const vocabSize = engine.info.vocabSize;
  const topLogprobs = top === 'all' || vocabSize <= WHOLE_VOCAB_MAX ? 'all' : Math.min(top, vocabSize);
  const request = { temperature: 0, topLogprobs, distribution: 'raw', logprobs: true } as const;
  const before = ids.slice(0, -1) as number[];
  const step = await engine.generate({ ...request, prompt: { tokens: before }, maxTokens: 1 }, { signal });
  const next = step.tokens[0];
  if (next !== undefined) return next;
  const echoed = await engine.generate(
    { ...request, prompt: { tokens: ids as number[] }, maxTokens: 0, echo: true },
    { signal },
  );
  const last = echoed.prompt?.at(-1);
  if (last === undefined) throw new ApiError(500, 'engine_error', 'the engine returned no distribution');
  return last;
}
