export type * from './AppApi.js';
export { findReview } from './findReview.js';
export type * from './Review.js';
export { REVIEW_DECISIONS } from './Review.js';
export type * from './Run.js';
export { summarizeRun } from './summarizeRun.js';
export type * from './ToolsApi.js';
