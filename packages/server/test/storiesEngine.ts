import { fileURLToPath } from 'node:url';
import { type Engine, loadEngine } from '@tokenscope/local';

/** The shared test models: `../shared/models/` beside the repository, or `TOKENSCOPE_MODELS_DIR`. */
export const MODELS_DIR =
  process.env.TOKENSCOPE_MODELS_DIR ?? fileURLToPath(new URL('../../../../shared/models/', import.meta.url));

/** The real engine on stories260K.gguf (one thread: the test machine's cores are shared). */
export function loadStories(): Promise<Engine> {
  return loadEngine(`${MODELS_DIR.replace(/\/?$/, '/')}stories260K.gguf`, { threads: 1 });
}
