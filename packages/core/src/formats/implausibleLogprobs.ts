import type { Token } from '../model/Token.js';

/**
 * How far a position's values may stray from what probabilities allow before they are impossible
 * rather than rounded. Providers round logprobs (OpenAI to about 6 significant digits, others to 4
 * decimals); even 2 decimals move a probability by at most 0.5 %, so the top-k probabilities of a real
 * response sum to at most about 1.005 and a token's logprob equals its top-k entry's within 0.01.
 * Recorded responses stay below 1e-4.
 */
export const LOGPROB_ROUNDING = 0.01;

/** What is impossible about one position's values, and which field says so. */
export interface Implausibility {
  /** `top_logprobs`: the alternatives' probabilities sum above 1; `logprob`: the chosen token's own entry in the top-k says otherwise. */
  field: 'top_logprobs' | 'logprob';
  detail: string;
}

/**
 * Checks that a position's values can be probabilities of one distribution: the reported alternatives'
 * probabilities sum to at most 1 (plus `LOGPROB_ROUNDING`), and the chosen token's logprob agrees with
 * its own entry among the alternatives (matched by id when both have one, else by text; when several
 * entries match, one agreeing is enough). Sentinels (null) are left out.
 */
export function implausibleLogprobs(token: Token): Implausibility | undefined {
  let sum = 0;
  for (const alt of token.top) if (alt.logprob !== null) sum += Math.exp(alt.logprob);
  if (sum > 1 + LOGPROB_ROUNDING) {
    return {
      field: 'top_logprobs',
      detail:
        `the alternatives' probabilities sum to ${sum.toFixed(3)}, more than 1 beyond rounding ` +
        `(logprobs ${token.top
          .slice(0, 5)
          .map((a) => shortNumber(a.logprob))
          .join(', ')}${token.top.length > 5 ? ', ...' : ''})`,
    };
  }
  const chosen = token.logprob;
  if (chosen === null) return undefined;
  const own = token.top.filter((alt) =>
    alt.id !== undefined && token.id !== undefined ? alt.id === token.id : alt.text === token.text,
  );
  const agrees = (alt: { logprob: number | null }) =>
    alt.logprob === null || Math.abs(alt.logprob - chosen) <= LOGPROB_ROUNDING;
  if (own.length === 0 || own.some(agrees)) return undefined;
  return {
    field: 'logprob',
    detail:
      `the chosen token's logprob ${shortNumber(chosen)} disagrees with its own entry among the ` +
      `alternatives (${shortNumber(own[0]!.logprob)})`,
  };
}

/** A logprob in at most 4 significant digits: -0.4506, -1e-9. */
function shortNumber(x: number | null): string {
  return x === null ? 'null' : String(Number(x.toPrecision(4)));
}
