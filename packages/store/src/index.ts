export type { RunStore, RunStoreOptions } from './RunStore.js';
