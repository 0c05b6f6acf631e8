export type * from './AppApi.js';
export type * from './Run.js';
export { summarizeRun } from './summarizeRun.js';
