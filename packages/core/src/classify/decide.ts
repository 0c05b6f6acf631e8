import type { Classification, LabelProbability } from './Classification.js';

/** Picks the top two labels, the margin and the abstain decision. */
export function decide(
  labels: LabelProbability[],
  minMargin: number,
): Pick<Classification, 'top' | 'runnerUp' | 'margin' | 'minMargin' | 'abstain' | 'label'> {
  const order = labels
    .map((_, i) => i)
    .sort((a, b) => labels[b]!.probability - labels[a]!.probability || a - b);
  const top = labels[order[0]!]!;
  const runnerUp = labels[order[1]!]!;
  const margin = Math.max(0, top.probability - runnerUp.probability);
  const abstain = margin < minMargin;
  return {
    top: top.label,
    runnerUp: runnerUp.label,
    margin,
    minMargin,
    abstain,
    label: abstain ? null : top.label,
  };
}
