import { type Band, bandOf, type RunSummary, type Thresholds } from '@tokenscope/core';

/** `93.4 %`, `< 0.1 %`, or `–` for no value. */
export function formatPercent(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return '–';
  if (p > 0 && p < 0.001) return '< 0.1 %';
  return `${(p * 100).toFixed(1)} %`;
}

/** A number with `digits` decimals, `–` when missing or not finite. */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toFixed(digits);
}

/** The band of a run's typical token: exp(mean logprob), the geometric mean probability. */
export function summaryBand(summary: RunSummary, thresholds: Thresholds): Band {
  if (summary.tokens === 0) return 'red';
  return bandOf(Math.exp(summary.meanLogprob), thresholds);
}

/** `just now`, `5 min ago`, `3 h ago`, `yesterday`, else the date. */
export function formatRelativeTime(iso: string, now: Date = new Date()): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  const seconds = Math.round((now.getTime() - time.getTime()) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  if (seconds < 2 * 86_400) return 'yesterday';
  return time.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}
