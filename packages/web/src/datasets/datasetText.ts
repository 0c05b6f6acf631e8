/** Words of the datasets view (pure, tested): the headline, where the thresholds came from, rates. */
import {
  type DatasetFact,
  type DatasetSettings,
  type DatasetSummary,
  formatLogprob,
  type GateThresholds,
} from '@tokenscope/core';
import { GROUP_BY_LABEL } from './datasetQuery';

/** `12.5 %`, `0 %`, `–` when there is nothing to divide. */
export function rate(value: number, of = 1): string {
  if (of === 0) return '–';
  if (value === 0) return '0 %';
  const x = value * 100;
  return `${x < 0.1 ? '< 0.1' : x.toFixed(1)} %`;
}

/** A mean logprob as the other views show it (core's `formatLogprob`: -0.42, -0.001, -1.33), `–` for none. */
export function logprob(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return formatLogprob(value, '–');
}

/** `1,234` */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** "240 answers in 3 groups by model · 12,345 tokens · mean logprob −0.42" */
export function summaryHeadline(summary: DatasetSummary): string {
  const { total, groups } = summary;
  const by = summary.query.groupBy;
  const answers = `${count(total.answers)} answer${total.answers === 1 ? '' : 's'}`;
  const grouped =
    by === 'none'
      ? ''
      : ` in ${groups.length} group${groups.length === 1 ? '' : 's'} by ${GROUP_BY_LABEL[by].toLowerCase()}`;
  return `${answers}${grouped} · ${count(total.tokens)} tokens · mean logprob ${logprob(total.meanLogprob)}`;
}

/** "publish at or above -0.5, review below -1.5" (the numbers as set). */
export function thresholdsText(t: GateThresholds): string {
  return `publish at or above ${t.publish}, review below ${t.review}`;
}

/**
 * Where the thresholds in use came from: tried on this page, saved for the dataset (with the note and
 * date), or core's defaults (and why: no dataset picked, or none saved for it).
 */
export function thresholdsSourceText(
  summary: Pick<DatasetSummary, 'thresholdsSource'>,
  dataset: string,
  settings: DatasetSettings | null,
): string {
  if (summary.thresholdsSource === 'query') return 'tried on this page (not saved)';
  if (summary.thresholdsSource === 'dataset') {
    const note = settings?.thresholdsNote ? ` (${settings.thresholdsNote})` : '';
    const when = settings?.updatedAt ? `, ${settings.updatedAt.slice(0, 10)}` : '';
    return `saved for dataset “${dataset}”${note}${when}`;
  }
  return dataset === ''
    ? 'core’s defaults (pick a dataset to use its saved thresholds)'
    : `core’s defaults (none saved for “${dataset}”)`;
}

/** `p 3.2 %`, or below the reported top-k. */
export function factProbability(fact: Pick<DatasetFact, 'minProb'>): string {
  if (fact.minProb === null) return 'p below the reported top-k';
  return `p ${rate(fact.minProb)}`;
}
