import { fileURLToPath } from 'node:url';

/** Absolute path of the built web app (index.html and assets), served by `tokenscope serve` at `/`. */
export const webRoot = fileURLToPath(new URL('./dist/', import.meta.url));
