export type * from './AppApi.js';
export type * from './Run.js';
