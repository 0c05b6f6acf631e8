import type { Context } from 'hono';
import { ApiError } from '../../ApiError.js';
import { parseBody } from '../../parseBody.js';
import type { AppServices } from '../AppServices.js';
import { type BranchJob, branchLocal } from './branchLocal.js';
import { branchRemote, checkRemoteBranch } from './branchRemote.js';
import { eventStream } from './eventStream.js';
import { localAlternative } from './localAlternative.js';
import { checkRemoteParams } from './remoteRequest.js';
import { chosenAlternative, tokenAt } from './runPosition.js';
import { branchBodySchema, toRunParams } from './schemas.js';

/**
 * `POST /api/runs/:id/branch`: replaces token `position` of the run with another token and generates
 * the rest of the answer, as a new run (source `branch`) in the same tree. Local runs take any token
 * id of the vocabulary (see `localAlternative`) and continue from their token ids; remote runs take one
 * of the alternatives stored at `position` and are sent again with the answer so far;
 * imported runs cannot be branched (400). The body, the run, the position and the token are checked
 * (400/404) before the event stream starts.
 */
export async function postBranch(c: Context, services: AppServices): Promise<Response> {
  const body = await parseBody(c, branchBodySchema);
  const run = await services.store.get(c.req.param('id') ?? '');
  if (run.source === 'import') {
    throw ApiError.invalid(
      null,
      `imported runs cannot be branched; run ${run.id} holds a saved response with no model to continue it (run its prompt with POST /api/generate, then branch that run)`,
    );
  }
  const { token } = tokenAt(run, body.position);
  const params = body.params === undefined ? run.params : toRunParams(body.params);
  if (run.promptTokenIds !== undefined && run.promptTokenIds.length > 0) {
    const engine = await services.catalog.engine(run.model);
    const parent = { token, position: body.position };
    const alternative = await localAlternative(engine, run, parent, body.token, c.req.raw.signal);
    const job: BranchJob = { run, position: body.position, alternative, params, store: services.store };
    return eventStream(c.req.raw.signal, (send, signal) => branchLocal({ ...job, engine }, send, signal));
  }
  const job: BranchJob = {
    run,
    position: body.position,
    alternative: chosenAlternative(token, body.token, body.position),
    params,
    store: services.store,
  };
  checkRemoteBranch(job);
  checkRemoteParams(job.params);
  const apiKey = body.apiKey;
  return eventStream(c.req.raw.signal, (send, signal) =>
    branchRemote({ ...job, services, apiKey }, send, signal),
  );
}
