import { buildCompletion, type RunPrompt, type Token } from '@tokenscope/core';
import { getAdapter, type LogprobRequest, type RemoteMessage } from '@tokenscope/providers';
import { ApiError } from '../../ApiError.js';
import type { AppServices } from '../AppServices.js';
import { type BranchJob, branchRun } from './branchLocal.js';
import type { SendRunEvent } from './eventStream.js';
import { providerOf, remoteEndpoint, remoteRequest } from './remoteRequest.js';
import { branchToken, continuationMaxTokens, unmerged } from './runPosition.js';

/** Providers that can continue a partial answer, and how. */
const CONTINUES = new Set(['openai-completions', 'openai-chat']);

/** The request that continues `prefix`: completions get prompt + prefix; chat an assistant prefill. */
function continuation(
  prompt: RunPrompt,
  provider: string,
  prefix: string,
): Pick<LogprobRequest, 'prompt' | 'messages'> {
  const messages: RemoteMessage[] =
    prompt.kind === 'chat' ? prompt.messages : [{ role: 'user', content: prompt.text }];
  if (provider === 'openai-completions') {
    const text = prompt.kind === 'text' ? prompt.text : messages.map((m) => m.content).join('\n');
    return { prompt: text + prefix };
  }
  return { messages: [...messages, { role: 'assistant', content: prefix }] };
}

/**
 * Branches a remote run: re-sends the prompt with the answer so far (the parent's text before
 * `position` plus the chosen token) to the same endpoint, streams the kept tokens and the
 * continuation, saves the new run (source `branch`) and sends `done`. The key comes with the request.
 */
export async function branchRemote(
  job: BranchJob & { services: AppServices; apiKey: string | undefined },
  send: SendRunEvent,
  signal: AbortSignal,
): Promise<void> {
  const { run, position, alternative, params, services } = job;
  const completion = run.response.completions[0]!;
  const chosen = branchToken(alternative, completion.tokens[position]!, false);
  const kept: Token[] = completion.tokens.slice(0, position).map(unmerged);
  const prefix =
    completion.tokens
      .slice(0, position)
      .map((t) => t.text)
      .join('') + chosen.text;
  const prompt = run.prompt!;
  const provider = providerOf(prompt, run.provider);
  const request: LogprobRequest = {
    ...remoteRequest(run.model, prompt, params),
    ...continuation(prompt, provider, prefix),
  };
  const maxTokens = continuationMaxTokens(params.maxTokens, position);
  if (maxTokens === undefined) delete request.maxTokens;
  else request.maxTokens = maxTokens;
  if (request.prompt !== undefined) delete request.messages;
  send({ type: 'start', model: run.model });
  for (const [index, token] of [...kept, chosen].entries()) send({ type: 'token', index, token });
  let index = position + 1;
  const answer = await getAdapter(provider).complete(
    remoteEndpoint(services, run.endpoint!, job.apiKey),
    request,
    {
      signal,
      stream: true,
      onToken: (token, choice) => {
        if (choice === 0) send({ type: 'token', index: index++, token });
      },
    },
  );
  signal.throwIfAborted();
  const rest = answer.completions[0];
  const merged = buildCompletion([...kept, chosen, ...(rest?.tokens.map(unmerged) ?? [])], {
    index: 0,
    distribution: rest?.distribution ?? completion.distribution,
    ...(rest?.finishReason === undefined ? {} : { finishReason: rest.finishReason }),
  });
  const response = { ...answer, completions: [merged] };
  send({ type: 'done', run: await job.store.save(branchRun(job, response, alternative)) });
}

/** Refuses remote runs that cannot be continued (before the stream starts). */
export function checkRemoteBranch(job: BranchJob): void {
  const { run } = job;
  if (run.endpoint === undefined || run.prompt === null) {
    throw ApiError.invalid(
      null,
      `run ${run.id} has no ${run.endpoint === undefined ? 'endpoint' : 'prompt'} to send again, so it cannot be branched; run the prompt again with POST /api/generate`,
    );
  }
  const provider = providerOf(run.prompt, run.provider);
  if (!CONTINUES.has(provider)) {
    throw ApiError.invalid(
      null,
      `the ${provider} API cannot continue a partial answer, so run ${run.id} cannot be branched; branching works for openai-chat and openai-completions endpoints and local models`,
    );
  }
}
