export { InvalidReviewError } from './InvalidReviewError.js';
export { InvalidRunError } from './InvalidRunError.js';
export { RunNotFoundError } from './RunNotFoundError.js';
export { StoreOpenError } from './StoreOpenError.js';
