import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NoModelError } from '../errors/NoModelError.js';

/** A model picked without `--model`, and how it was found (for the `model: … (from …)` line). */
export interface DefaultModel {
  /** Path or reference to pass to `resolveModel`. */
  ref: string;
  /** What to show: the file name, or `$TOKENSCOPE_MODEL`'s value. */
  name: string;
  /** Where it came from: `$TOKENSCOPE_MODEL`, `$TOKENSCOPE_MODELS_DIR`, `./models`, `../shared/models`. */
  from: string;
}

/**
 * The model preferred in `../shared/models` (the repository's test models): its SentencePiece
 * vocabulary has byte fallback, so it tokenizes any text, while `TinyStories-656K-Q8_0.gguf`, which
 * sorts first, aborts on characters it lacks (`#`).
 */
export const PREFERRED_SHARED_MODEL = 'stories260K.gguf';

function ggufFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.toLowerCase().endsWith('.gguf') && statSync(join(dir, name)).isFile())
      .sort();
  } catch {
    return [];
  }
}

/**
 * Finds the model to use when none was named, in this order: `$TOKENSCOPE_MODEL` (a path or
 * reference); the first `.gguf` file by name in `$TOKENSCOPE_MODELS_DIR`, then `./models`, then
 * `../shared/models` (where `stories260K.gguf` is preferred), relative to `cwd`. Throws
 * `NoModelError` when there is none.
 */
export function findDefaultModel(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): DefaultModel {
  const model = env.TOKENSCOPE_MODEL;
  if (model !== undefined && model !== '') return { ref: model, name: model, from: '$TOKENSCOPE_MODEL' };
  const dirs: Array<{ label: string; path: string; preferred?: string }> = [];
  const modelsDir = env.TOKENSCOPE_MODELS_DIR;
  if (modelsDir !== undefined && modelsDir !== '') {
    dirs.push({ label: '$TOKENSCOPE_MODELS_DIR', path: resolve(cwd, modelsDir) });
  }
  dirs.push({ label: './models', path: resolve(cwd, 'models') });
  dirs.push({
    label: '../shared/models',
    path: resolve(cwd, '../shared/models'),
    preferred: PREFERRED_SHARED_MODEL,
  });
  for (const dir of dirs) {
    const files = ggufFiles(dir.path);
    const name = dir.preferred !== undefined && files.includes(dir.preferred) ? dir.preferred : files[0];
    if (name !== undefined) return { ref: join(dir.path, name), name, from: dir.label };
  }
  throw new NoModelError(dirs.map((d) => d.label));
}
