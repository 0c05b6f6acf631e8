/** A classification as text for a terminal: one row per label, the decision, the caveats. */
import { CONSISTENCY_DISCLAIMER, consistencyLabel } from '../consistency/consistencyLabel.js';
import { escapeControls } from '../render/escapeControls.js';
import { formatLogprob, formatProbability } from '../render/formatProbability.js';
import { DISCLAIMER } from '../render/legend.js';
import type { Classification } from './Classification.js';

/** A raw probability: a percentage down to 0.1 %, scientific below. */
export function formatRawProbability(p: number): string {
  return p >= 0.001 || p === 0 ? formatProbability(p) : p.toExponential(2);
}

function pad(text: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - [...text].length));
  return right ? fill + text : text + fill;
}

/** Renders the classification; `title` (e.g. the model) heads it. */
export function renderClassificationText(result: Classification, options: { title?: string } = {}): string {
  if (result.method === 'sampling') return renderSampled(result, options);
  const remote = result.method === 'first-token';
  const names = result.labels.map((l) => escapeControls(l.label, { newline: false, tab: false }));
  const width = Math.max(5, ...names.map((n) => [...n].length));
  const head = [
    '  ',
    pad('label', width),
    pad('p', 9, true),
    pad(remote ? 'first tok' : 'raw p', 10, true),
    pad('logprob', 8, true),
    remote ? '  status' : pad('tokens', 7, true),
  ].join(' ');
  const lines: string[] = [];
  if (options.title !== undefined) lines.push(options.title);
  lines.push(head);
  result.labels.forEach((l, i) => {
    lines.push(
      [
        l.label === result.top ? '▶ ' : '  ',
        pad(names[i]!, width),
        pad(formatProbability(l.probability), 9, true),
        pad(formatRawProbability(l.rawProbability), 10, true),
        pad(formatLogprob(l.logprob, '-'), 8, true),
        remote ? `  ${l.status}` : pad(String(l.tokenCount ?? ''), 7, true),
      ].join(' '),
    );
  });
  lines.push('');
  const margin = `margin ${result.margin.toFixed(3)} between "${result.top}" and "${result.runnerUp}" (min ${result.minMargin})`;
  lines.push(result.abstain ? `ABSTAIN: ${margin}: route to a human` : `LABEL: ${result.top}: ${margin}`);
  const mass = [`label mass ${formatRawProbability(result.labelMass)}`];
  if (result.unaccountedMass !== undefined)
    mass.push(`unaccounted (outside the top-k) ${formatProbability(result.unaccountedMass)}`);
  if (result.offLabelMass !== undefined)
    mass.push(`off-label top-k ${formatProbability(result.offLabelMass)}`);
  lines.push(mass.join(', '));
  for (const note of result.notes) lines.push(`note: ${note}`);
  lines.push(DISCLAIMER);
  return `${lines.join('\n')}\n`;
}

/** A sampling classification: each label's agreement (share of the samples), the decision, the cost. */
function renderSampled(result: Classification, options: { title?: string }): string {
  const names = result.labels.map((l) => escapeControls(l.label, { newline: false, tab: false }));
  const width = Math.max(5, ...names.map((n) => [...n].length));
  const n = result.sampling?.samples.length ?? 0;
  const lines: string[] = [];
  if (options.title !== undefined) lines.push(options.title);
  if (result.sampling !== undefined) {
    lines.push(`Confidence: ${consistencyLabel(result.sampling)}`);
  }
  lines.push(['  ', pad('label', width), pad('agreement', 10, true), pad('samples', 8, true)].join(' '));
  result.labels.forEach((l, i) => {
    lines.push(
      [
        l.label === result.top ? '▶ ' : '  ',
        pad(names[i]!, width),
        pad(formatProbability(l.probability), 10, true),
        pad(`${l.samples ?? 0}/${n}`, 8, true),
      ].join(' '),
    );
  });
  lines.push('');
  const margin = `margin ${result.margin.toFixed(3)} between "${result.top}" and "${result.runnerUp}" (min ${result.minMargin})`;
  lines.push(result.abstain ? `ABSTAIN: ${margin}: route to a human` : `LABEL: ${result.top}: ${margin}`);
  lines.push(
    `label mass ${formatProbability(result.labelMass)}, answers that are no label ${formatProbability(result.offLabelMass ?? 0)}`,
  );
  for (const note of result.notes) lines.push(`note: ${note}`);
  lines.push(CONSISTENCY_DISCLAIMER);
  return `${lines.join('\n')}\n`;
}
