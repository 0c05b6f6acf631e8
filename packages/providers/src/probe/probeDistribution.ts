import { finding, notOkFinding, PROBE_PROMPT, type Send } from './findings.js';
import { isOk, type ProbeAnswer } from './ProbeClient.js';
import type { ProbeFinding } from './ProbeReport.js';
import { firstPosition, type ProbeToken } from './readLogprobs.js';

/** The two temperatures compared, and the seed both requests carry. */
export const LOW_TEMPERATURE = 0.2;
export const HIGH_TEMPERATURE = 1.5;
const SEED = 7;

/** Where to ask: chat (with the largest `top_logprobs` it accepts) or legacy completions. */
export type DistributionSource = { endpoint: 'chat'; maxTop: number } | { endpoint: 'completions' };

/** Same value: equal up to the noise of batched GPU inference. */
function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(0.01, 0.02 * Math.abs(a));
}

function format(value: number): string {
  return value.toFixed(4);
}

function lookup(position: { chosen: ProbeToken; top: ProbeToken[] }, token: string): number | undefined {
  if (position.chosen.token === token) return position.chosen.logprob;
  return position.top.find((t) => t.token === token)?.logprob;
}

/**
 * Asks for the first token at temperature 0.2 and at 1.5 (same seed) and compares the logprob of the
 * greedy token, whose prefix (the prompt) is the same in both: a raw distribution gives the same
 * value, one after temperature (processed) does not.
 */
export async function probeDistribution(
  send: Send,
  model: string,
  source: DistributionSource,
): Promise<ProbeFinding> {
  const ask = (temperature: number): Promise<ProbeAnswer> => {
    const common = { model, max_tokens: 1, temperature, seed: SEED };
    return source.endpoint === 'chat'
      ? send(
          '/chat/completions',
          {
            ...common,
            messages: [{ role: 'user', content: PROBE_PROMPT }],
            logprobs: true,
            ...(source.maxTop > 0 ? { top_logprobs: Math.min(source.maxTop, 5) } : {}),
          },
          `distribution (chat, temperature ${temperature})`,
        )
      : send(
          '/completions',
          { ...common, prompt: PROBE_PROMPT, logprobs: 5 },
          `distribution (completions, temperature ${temperature})`,
        );
  };
  const low = await ask(LOW_TEMPERATURE);
  if (!isOk(low)) return notOkFinding(low);
  const high = await ask(HIGH_TEMPERATURE);
  if (!isOk(high)) return notOkFinding(high);
  const requests = [low.index, high.index];
  const lowPosition = firstPosition(low.json);
  const highPosition = firstPosition(high.json);
  if (lowPosition === undefined || highPosition === undefined) {
    return finding('unknown', 'an answer came without a first token logprob', requests);
  }
  const greedy = [lowPosition.chosen, ...lowPosition.top].reduce((best, t) =>
    t.logprob > best.logprob ? t : best,
  );
  const a = greedy.logprob;
  const b = lookup(highPosition, greedy.token);
  const name = JSON.stringify(greedy.token);
  if (b === undefined) {
    return finding(
      'unknown',
      `${name} is not among the first token's alternatives at temperature ${HIGH_TEMPERATURE}`,
      requests,
    );
  }
  const values = `${name}: ${format(a)} at temperature ${LOW_TEMPERATURE}, ${format(b)} at ${HIGH_TEMPERATURE}`;
  if (a > -1e-4 && b > -1e-4) {
    return finding('unknown', `${values} (the model is sure of it: nothing to compare)`, requests);
  }
  return same(a, b)
    ? finding('raw', `${values}: logprobs do not depend on temperature`, requests)
    : finding('processed', `${values}: logprobs are after temperature`, requests);
}
