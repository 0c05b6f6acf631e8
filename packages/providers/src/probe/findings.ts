import { isOk, type ProbeAnswer, type ProbeClient } from './ProbeClient.js';
import type { ProbeFinding, ProbeResult } from './ProbeReport.js';

/** The prompt of every probe request: short, and open enough that the first token has doubt. */
export const PROBE_PROMPT = 'Once upon a time';

/** A finding. */
export function finding(
  result: ProbeResult,
  detail: string,
  requests: number[],
  value?: number,
): ProbeFinding {
  return { result, detail, ...(value === undefined ? {} : { value }), requests };
}

/** A finding that was not tried. */
export function skipped(why: string): ProbeFinding {
  return finding('skipped', why, []);
}

/** `404: Not Found` style text of an answer that is not 2xx. */
export function statusText(answer: ProbeAnswer): string {
  return answer.status === null ? (answer.error ?? 'no answer') : `${answer.status}: ${answer.error ?? ''}`;
}

/** True when a 404 means the path is not there, not that the server does not know the model sent. */
export function isMissingEndpoint(answer: ProbeAnswer): boolean {
  if (answer.status !== 404) return false;
  const code = (answer.json as { error?: { code?: unknown } } | null | undefined)?.error?.code;
  const text = answer.error ?? '';
  if (code === 'model_not_found') return false;
  if (answer.model === undefined) return true;
  // The model's id as a whole word in the message: the model is what was not found.
  const escaped = answer.model.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return !new RegExp(`(^|[^\\w.-])${escaped}($|[^\\w.-])`).test(text);
}

/**
 * The finding for an answer that is not 2xx: `failed` without an answer, `missing` for a 404 of the
 * path, else `refused`, unless the same request without the logprob parameters (`baseline`) fails
 * too: then the endpoint failed for another reason (auth, model, parameters) and says which.
 */
export async function notOkFinding(
  answer: ProbeAnswer,
  baseline?: () => Promise<ProbeAnswer>,
): Promise<ProbeFinding> {
  if (answer.status === null) return finding('failed', statusText(answer), [answer.index]);
  if (isMissingEndpoint(answer)) return finding('missing', statusText(answer), [answer.index]);
  if (baseline !== undefined) {
    const plain = await baseline();
    if (!isOk(plain)) {
      return finding('failed', `requests without logprobs fail too (${statusText(plain)})`, [
        answer.index,
        plain.index,
      ]);
    }
    return finding('refused', statusText(answer), [answer.index, plain.index]);
  }
  return finding('refused', statusText(answer), [answer.index]);
}

/** A POST sender bound to a client, for the probe modules. */
export type Send = (path: string, body: Record<string, unknown>, purpose: string) => Promise<ProbeAnswer>;

export function sender(client: ProbeClient): Send {
  return (path, body, purpose) => client.post(path, body, purpose);
}
