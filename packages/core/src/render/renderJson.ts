import type { Analysis } from '../analysis/Analysis.js';
import { toJsonReport } from './toJsonReport.js';

/** Options of `renderJson`. */
export interface JsonOptions {
  /** Indent with 2 spaces (default false: one line). */
  pretty?: boolean;
}

/** The analysis as the stable JSON report (see `toJsonReport`, docs/json-format.md), with a final newline. */
export function renderJson(analysis: Analysis, options: JsonOptions = {}): string {
  return `${JSON.stringify(toJsonReport(analysis), null, options.pretty ? 2 : undefined)}\n`;
}
