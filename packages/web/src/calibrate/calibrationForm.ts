import type { CalibrateOptions, DeriveMode } from '@tokenscope/core';

/** The calibration controls as typed (strings), so a half-typed value is kept while it is invalid. */
export interface CalibrationForm {
  bins: string;
  /** Which binning the reliability diagram draws. */
  scheme: 'width' | 'mass';
  bootstrap: string;
  seed: string;
  /** Share of rows to fit the maps on, in percent; empty for none (in-sample). */
  split: string;
  /** Review budget: largest share of answers to flag, in percent; empty for none. */
  budget: string;
  /** Error-recall target, in percent; empty for none. */
  catchTarget: string;
  /** How rows with token logprobs become one confidence. */
  derive: DeriveMode;
}

export const DEFAULT_FORM: CalibrationForm = {
  bins: '10',
  scheme: 'width',
  bootstrap: '1000',
  seed: '1',
  split: '',
  budget: '12',
  catchTarget: '80',
  derive: 'mean',
};

/** Most bootstrap replicates the page runs (it computes on the main thread). */
export const MAX_BROWSER_BOOTSTRAP = 10_000;

export type FormErrors = Partial<Record<keyof CalibrationForm, string>>;

function integer(text: string, min: number, max: number): number | null {
  const t = text.trim();
  if (!/^-?\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}

function percent(text: string, open: boolean): number | null {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(t)) return null;
  const n = Number(t);
  return (open ? n > 0 && n < 100 : n >= 0 && n <= 100) ? n / 100 : null;
}

/** Core's `calibrate` options from the form, or the message for each field that is wrong. */
export function readForm(
  form: CalibrationForm,
): { options: CalibrateOptions; errors: null } | { options: null; errors: FormErrors } {
  const errors: FormErrors = {};
  const options: CalibrateOptions = {};
  const bins = integer(form.bins, 1, 1000);
  if (bins === null) errors.bins = 'a whole number of bins, 1 to 1000';
  else options.bins = bins;
  const bootstrap = integer(form.bootstrap, 0, MAX_BROWSER_BOOTSTRAP);
  if (bootstrap === null) errors.bootstrap = `a whole number, 0 (no interval) to ${MAX_BROWSER_BOOTSTRAP}`;
  else options.bootstrap = bootstrap;
  const seed = integer(form.seed, -(2 ** 31), 2 ** 31 - 1);
  if (seed === null) errors.seed = 'a whole number';
  else options.seed = seed;
  if (form.split.trim() !== '') {
    const split = percent(form.split, true);
    if (split === null)
      errors.split = 'a share between 0 and 100 % (exclusive), or empty to fit on every row';
    else options.split = split;
  }
  if (form.budget.trim() !== '') {
    const budget = percent(form.budget, false);
    if (budget === null) errors.budget = 'a share of answers, 0 to 100 %';
    else options.budget = budget;
  }
  if (form.catchTarget.trim() !== '') {
    const target = percent(form.catchTarget, false);
    if (target === null) errors.catchTarget = 'a share of errors, 0 to 100 %';
    else options.catch = target;
  }
  return Object.keys(errors).length > 0 ? { options: null, errors } : { options, errors: null };
}
