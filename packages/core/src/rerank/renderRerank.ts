/** A rerank result as a text table: the candidates best first under the length-normalised score. */
import { escapeControls } from '../render/escapeControls.js';
import { DISCLAIMER } from '../render/legend.js';
import type { RerankResult } from './rerank.js';

function pad(text: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - [...text].length));
  return right ? fill + text : text + fill;
}

export function renderRerankText(result: RerankResult, options: { title?: string } = {}): string {
  const shown = (t: string) => {
    const s = escapeControls(t, { newline: false, tab: false });
    return [...s].length > 48 ? `${[...s].slice(0, 47).join('')}…` : s;
  };
  const width = Math.max(9, ...result.candidates.map((c) => [...shown(c.text)].length));
  const norm = result.lengthPenalty === 'gnmt' ? `gnmt α=${result.alpha}` : `/len^${result.alpha}`;
  const lines: string[] = [];
  if (options.title !== undefined) lines.push(options.title);
  lines.push(
    [
      pad('candidate', width),
      pad('tokens', 6, true),
      pad('total', 8, true),
      pad('mean', 7, true),
      pad(norm, 10, true),
      '  rank: total mean norm',
    ].join(' '),
  );
  for (const i of result.rankings.normalized) {
    const c = result.candidates[i]!;
    lines.push(
      [
        pad(shown(c.text), width),
        pad(String(c.tokenCount), 6, true),
        pad(c.sumLogprob.toFixed(2), 8, true),
        pad(c.meanLogprob.toFixed(2), 7, true),
        pad(c.normalizedLogprob.toFixed(2), 10, true),
        `        ${pad(String(c.rank.total), 5, true)} ${pad(String(c.rank.mean), 4, true)} ${pad(String(c.rank.normalized), 4, true)}`,
      ].join(' '),
    );
  }
  lines.push('');
  const best = (name: 'total' | 'mean' | 'normalized') =>
    JSON.stringify(result.candidates[result.rankings[name][0]!]!.text);
  lines.push(
    result.agree
      ? `best under every score: ${best('total')}`
      : `best: total ${best('total')}, mean ${best('mean')}, normalised ${best('normalized')}: the scores disagree (length matters here)`,
  );
  lines.push(DISCLAIMER);
  return `${lines.join('\n')}\n`;
}
