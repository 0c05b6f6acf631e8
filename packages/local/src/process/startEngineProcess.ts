import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineProcess, type EngineProcessOptions } from './EngineProcess.js';
import { EngineStartError } from './EngineStartError.js';

/**
 * The compiled child entry. From `dist/process/` it is the sibling `engineHost.js`; when this module
 * runs from source (Vitest), it is the one in the package's `dist/`, built by `tsc -b packages/local`.
 */
export function engineHostEntry(): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = fileURLToPath(new URL('./engineHost.js', import.meta.url));
  if (here.endsWith('.js') && existsSync(sibling)) return sibling;
  return fileURLToPath(new URL('../../dist/process/engineHost.js', import.meta.url));
}

/**
 * Starts a model process for the GGUF file at `modelPath` and waits until the model is loaded.
 * Rejects with the loader's error (a missing or invalid file), or `EngineStartError` when the
 * process dies or hangs while loading.
 */
export async function startEngineProcess(
  modelPath: string,
  options: EngineProcessOptions = {},
): Promise<EngineProcess> {
  const entry = options.hostEntry ?? engineHostEntry();
  if (!existsSync(entry)) {
    throw new EngineStartError(
      resolve(modelPath),
      `the engine host ${entry} is not built (run npx tsc -b packages/local)`,
    );
  }
  const engine = new EngineProcess(resolve(modelPath), entry, options);
  await engine.start();
  return engine;
}
