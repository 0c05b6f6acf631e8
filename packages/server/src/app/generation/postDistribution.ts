import type { NextTokenDistribution, TopAlternative } from '@tokenscope/core';
import type { Context } from 'hono';
import { parseBody } from '../../parseBody.js';
import type { AppServices } from '../AppServices.js';
import { measureDistribution } from './measureDistribution.js';
import { tokenAt } from './runPosition.js';
import { distributionBodySchema } from './schemas.js';

/** Default number of alternatives. */
const DEFAULT_TOP = 100;
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
  const run = await services.store.get(c.req.param('id') ?? '');
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
  const measured = await measureDistribution(engine, run, body.position, top, c.req.raw.signal);
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
