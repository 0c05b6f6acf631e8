import type {
  LogprobResponse,
  NextTokenDistribution,
  RunParams,
  Thresholds,
  TopAlternative,
} from '@tokenscope/core';

/**
 * The X-ray of one run: coloured tokens with markers, legend and live thresholds, tooltips with the
 * top-k (pin on click, keys to jump between flagged tokens), the linked charts (top vs second choice,
 * probability along the answer), the summary panel, and the explorer (whole next-token distribution,
 * temperature/top-p what-if, branch). The app shell owns fetching and routing; this owns the view.
 */
export interface XRayProps {
  /** The response so far (grows while streaming); the X-ray shows completion `completionIndex`. */
  response: LogprobResponse;
  /** Default 0. */
  completionIndex?: number;
  /** True while tokens are still arriving. */
  streaming: boolean;
  thresholds: Thresholds;
  onThresholdsChange: (thresholds: Thresholds) => void;
  /** The run's parameters (the what-if starts from its temperature / top-p). */
  params?: RunParams;
  /** The whole next-token distribution before token `position` (absent: the explorer uses the stored top-k). */
  loadDistribution?: (position: number, top: number | 'all') => Promise<NextTokenDistribution>;
  /** Continue the same answer from `position` with `token` instead (absent: no branching for this run). */
  onBranch?: (position: number, token: TopAlternative) => void;
  /** Compact layout for side-by-side comparison: text and summary only, no legend (the page shows one
   * shared legend above the columns), charts or explorer. */
  compact?: boolean;
}
