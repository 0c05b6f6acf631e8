import { isSamplingOnly, type RunParams, type RunPrompt, type RunRecord } from '@tokenscope/core';
import { formatRelativeTime } from './format';

/** `temperature 0.8 · top_p 0.95 · max 64 · top 5 · seed 1`, or `model defaults`. */
export function describeParams(params: RunParams): string {
  const parts: string[] = [];
  if (params.temperature !== undefined) parts.push(`temperature ${params.temperature}`);
  if (params.topP !== undefined) parts.push(`top_p ${params.topP}`);
  if (params.maxTokens !== undefined) parts.push(`max ${params.maxTokens} tokens`);
  if (params.topLogprobs !== undefined) parts.push(`top ${params.topLogprobs} alternatives`);
  if (params.seed !== undefined) parts.push(`seed ${params.seed}`);
  if (params.distribution !== undefined) parts.push(`${params.distribution} distribution`);
  return parts.length > 0 ? parts.join(' · ') : 'model defaults';
}

/** Model, source, dataset and prompt version, time and parameters of a run, one line. */
export function RunFacts({ run }: { run: RunRecord }) {
  return (
    <p class="run-facts">
      <span class="chip chip-plain">{run.model}</span>
      <span class="chip chip-plain">{run.source}</span>
      {run.consistency ? (
        <span
          class="chip chip-plain"
          title="Confidence from the agreement of sampled answers (sampling consistency)"
          data-testid="run-confidence"
        >
          {isSamplingOnly(run)
            ? `${run.consistency.samples.length} samples, no logprobs`
            : `logprobs + ${run.consistency.samples.length - (run.consistency.reference ? 1 : 0)} samples`}
        </span>
      ) : null}
      {run.endpoint ? <span class="run-endpoint">{run.endpoint}</span> : null}
      {run.dataset ? (
        <span class="chip chip-plain" title="Dataset">
          dataset {run.dataset}
        </span>
      ) : null}
      {run.promptVersion ? (
        <span class="chip chip-plain" title="Prompt version">
          prompt {run.promptVersion}
        </span>
      ) : null}
      <time dateTime={run.createdAt} title={new Date(run.createdAt).toLocaleString()}>
        {formatRelativeTime(run.createdAt)}
      </time>
      <span class="muted">{describeParams(run.params)}</span>
    </p>
  );
}

/** What was sent: the chat messages or the raw text (or a note for imports without a prompt). */
export function PromptView({
  prompt,
  fileName,
}: {
  prompt: RunPrompt | null;
  fileName?: string | undefined;
}) {
  if (!prompt) {
    return (
      <p class="muted prompt-none">
        {fileName ? `Imported from ${fileName}: ` : ''}no prompt was saved with this response.
      </p>
    );
  }
  if (prompt.kind === 'text') return <pre class="prompt-text">{prompt.text}</pre>;
  return (
    <ol class="prompt-messages">
      {prompt.messages.map((m, i) => (
        <li key={i} class={`prompt-message role-${m.role}`}>
          <span class="prompt-role">{m.role}</span>
          <span class="prompt-content">{m.content}</span>
        </li>
      ))}
    </ol>
  );
}
