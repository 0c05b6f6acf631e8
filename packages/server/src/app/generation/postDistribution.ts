import type { NextTokenDistribution, RunRecord, Token, TopAlternative } from '@tokenscope/core';
import type { Engine } from '@tokenscope/local';
import type { Context } from 'hono';
import { ApiError } from '../../ApiError.js';
import { parseBody } from '../../parseBody.js';
import type { AppServices } from '../AppServices.js';
import { tokenAt } from './runPosition.js';
import { distributionBodySchema } from './schemas.js';

/** Default number of alternatives. */
const DEFAULT_TOP = 100;
/** Up to this vocabulary size the whole distribution is read (exact entropy and tail). */
const WHOLE_VOCAB_MAX = 65_536;

function coveredMass(alternatives: readonly TopAlternative[]): number {
  return alternatives.reduce((sum, alt) => sum + (alt.logprob === null ? 0 : Math.exp(alt.logprob)), 0);
}

/**
 * `POST /api/runs/:id/distribution`: the next-token distribution before token `position`. Runs of a
 * local model that is still here are evaluated again (`source: 'engine'`, the raw distribution, as
 * many tokens as asked, exact entropy); other runs give the top-k stored with them (`source: 'stored'`).
 */
export async function postDistribution(c: Context, services: AppServices): Promise<Response> {
  const body = await parseBody(c, distributionBodySchema);
  const run = services.store.get(c.req.param('id') ?? '');
  const { completion, token } = tokenAt(run, body.position);
  const top = body.top ?? DEFAULT_TOP;
  const local = run.promptTokenIds !== undefined && services.catalog.list().some((m) => m.id === run.model);
  if (!local) {
    const alternatives = top === 'all' ? token.top : token.top.slice(0, top);
    return c.json({
      position: body.position,
      alternatives,
      coveredMass: coveredMass(alternatives),
      ...(completion.vocabSize === undefined ? {} : { vocabSize: completion.vocabSize }),
      source: 'stored',
      distribution: completion.distribution,
    } satisfies NextTokenDistribution);
  }
  const engine = await services.catalog.engine(run.model);
  const measured = await measure(engine, run, body.position, top, c.req.raw.signal);
  const vocabSize = engine.info.vocabSize;
  const alternatives = top === 'all' ? measured.top : measured.top.slice(0, top);
  const result: NextTokenDistribution = {
    position: body.position,
    alternatives,
    coveredMass: coveredMass(alternatives),
    vocabSize,
    source: 'engine',
    distribution: 'raw',
  };
  if (measured.entropy !== undefined) result.entropy = measured.entropy;
  return c.json(result);
}

/**
 * The raw distribution after the prompt and the run's tokens before `position`: one greedy step from
 * those ids. When that step picks an end-of-generation token (no token comes back), the run's own
 * token at `position` is appended and read back as an echoed prompt token instead.
 */
async function measure(
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
