export { logSoftmax } from './logSoftmax.js';
export { logsumexp } from './logsumexp.js';
export type { NormalizedLogprob } from './normalizeLogprob.js';
export { normalizeLogprob, probabilityToLogprob, SENTINEL_FLOOR } from './normalizeLogprob.js';
