import { type Analysis, formatProbability, type TokenAnalysis } from '@tokenscope/core';

function formatPercent(prob: number | null): string {
  return formatProbability(prob, 'below top-k');
}

/** The CI gate options of `analyze`. */
export interface GateOptions {
  /** Fail when the analysis has any low-confidence span. */
  failOnFlag?: boolean;
  /** Fail when any token's probability is below this (or is a sentinel: below the reported top-k). */
  failBelow?: number;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 39)}…` : text);
}

/** Orders tokens weakest first; a sentinel (null) is weaker than any number. */
function weaker(a: TokenAnalysis, b: TokenAnalysis): TokenAnalysis {
  if (a.prob === null) return a;
  if (b.prob === null) return b;
  return b.prob < a.prob ? b : a;
}

function describe(token: TokenAnalysis): string {
  return `weakest ${quote(token.rawText ?? token.text)} ${formatPercent(token.prob)}`;
}

/**
 * Checks the gate. Returns `null` when it passes, else one line saying why it failed, e.g.
 * `3 flagged spans (weakest "D" 0.4 %)`.
 */
export function evaluateGate(analysis: Analysis, options: GateOptions): string | null {
  const reasons: string[] = [];
  if (options.failOnFlag === true && analysis.spans.length > 0) {
    const weakest = analysis.spans
      .map((span) => analysis.tokens[span.weakest])
      .filter((token): token is TokenAnalysis => token !== undefined)
      .reduce<TokenAnalysis | undefined>((a, b) => (a === undefined ? b : weaker(a, b)), undefined);
    const count = analysis.spans.length;
    reasons.push(
      `${count} flagged span${count === 1 ? '' : 's'}${weakest === undefined ? '' : ` (${describe(weakest)})`}`,
    );
  }
  if (options.failBelow !== undefined) {
    const threshold = options.failBelow;
    // Control tokens (end of turn, ...) are not part of the answer's text: the gate leaves them out.
    const below = analysis.tokens.filter(
      (token) => !token.control && (token.prob === null || token.prob < threshold),
    );
    const first = below[0];
    if (first !== undefined) {
      const weakest = below.reduce(weaker, first);
      reasons.push(
        `${below.length} token${below.length === 1 ? '' : 's'} below ${formatPercent(threshold)} (${describe(weakest)})`,
      );
    }
  }
  return reasons.length === 0 ? null : reasons.join('; ');
}
