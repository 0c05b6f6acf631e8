/**
 * @tokenscope/core: one data model for every provider's logprobs, the analysis, and renderers.
 * Pure: no Node or DOM APIs, no I/O. The CLI, the server and the web app all build on it.
 */
export * from './analysis/index.js';
export * from './calibration/index.js';
export * from './classify/index.js';
export * from './consistency/index.js';
export * from './constraint/index.js';
export * from './datasets/index.js';
export * from './errors/index.js';
export * from './formats/index.js';
export * from './gating/index.js';
export * from './math/index.js';
export * from './model/index.js';
export * from './render/index.js';
export * from './rerank/index.js';
export * from './runs/index.js';
export * from './scoring/index.js';
export * from './text/index.js';
