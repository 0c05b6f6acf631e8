import type { NewRun, RunParams, RunPrompt, RunTarget } from '@tokenscope/core';
import { getAdapter } from '@tokenscope/providers';
import type { AppServices } from '../AppServices.js';
import type { SendRunEvent } from './eventStream.js';
import type { RunMeta } from './generateLocal.js';
import { providerOf, publicBaseURL, remoteEndpoint, remoteRequest } from './remoteRequest.js';

/**
 * Generates on a remote endpoint with a provider adapter (streamed), then saves the run (source
 * `remote`, the base URL and the provider; never the key) and sends `done`. An endpoint that refuses or
 * ignores logprobs fails with `LogprobsUnsupportedError` (an `error` event `logprobs_unsupported`).
 */
export async function generateRemote(
  job: {
    services: AppServices;
    target: Extract<RunTarget, { kind: 'remote' }>;
    prompt: RunPrompt;
    params: RunParams;
    meta: RunMeta;
  },
  send: SendRunEvent,
  signal: AbortSignal,
): Promise<void> {
  const { services, target, prompt, params } = job;
  const provider = providerOf(prompt, target.provider);
  send({
    type: 'start',
    model: target.model,
    ...(prompt.kind === 'text' ? { promptText: prompt.text } : {}),
  });
  let index = 0;
  const response = await getAdapter(provider).complete(
    remoteEndpoint(services, target.baseURL, target.apiKey),
    remoteRequest(target.model, prompt, params),
    {
      signal,
      stream: true,
      onToken: (token, choice) => {
        if (choice === 0) send({ type: 'token', index: index++, token });
      },
    },
  );
  signal.throwIfAborted();
  const run: NewRun = {
    ...job.meta,
    source: 'remote',
    model: target.model,
    endpoint: publicBaseURL(target.baseURL),
    provider,
    prompt,
    params,
    response,
  };
  send({ type: 'done', run: await services.store.save(run) });
}
