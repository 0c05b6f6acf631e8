import { basename, resolve } from 'node:path';
import { findLocalModels } from '@tokenscope/server';
import { NoModelError } from '../errors/NoModelError.js';
import type { CliIo } from '../io/CliIo.js';
import { findDefaultModel } from '../models/findDefaultModel.js';
import { resolveModelWithProgress } from '../models/resolveModelWithProgress.js';

/** The local models the app offers, the default one and how it was found, or what to do without one. */
export interface AppModels {
  models: Array<{ id: string; path: string }>;
  defaultModel?: { id: string; path: string; source: string };
  help?: string;
}

/** The model id the server uses: the file name without `.gguf`. */
export function modelId(path: string): string {
  return basename(path).replace(/\.gguf$/i, '');
}

/** Folders searched for `.gguf` files, in order (the default model search of `findDefaultModel`). */
export function modelFolders(env: CliIo['env'], cwd: string): Array<{ label: string; path: string }> {
  const dirs: Array<{ label: string; path: string }> = [];
  const modelsDir = env.TOKENSCOPE_MODELS_DIR;
  if (modelsDir !== undefined && modelsDir !== '') {
    dirs.push({ label: '$TOKENSCOPE_MODELS_DIR', path: resolve(cwd, modelsDir) });
  }
  dirs.push({ label: './models', path: resolve(cwd, 'models') });
  dirs.push({ label: '../shared/models', path: resolve(cwd, '../shared/models') });
  return dirs;
}

/** What the app says when no model was found. */
export function noModelHelp(searched: readonly string[]): string {
  return (
    `No local model found (searched ${searched.join(', ')}). Put a .gguf file in ./models, set ` +
    '$TOKENSCOPE_MODEL or $TOKENSCOPE_MODELS_DIR, or restart with --model PATH|URL|hf:owner/repo:QUANT; ' +
    'meanwhile, runs can use a remote OpenAI-compatible endpoint.'
  );
}

/**
 * The app's models: the default model (`--model`, else `findDefaultModel`'s search; a URL or Hugging
 * Face reference is downloaded first), then every other `.gguf` file in the searched folders.
 * Without any model, `help` says how to get one.
 */
export async function findAppModels(model: string | undefined, io: CliIo, cwd: string): Promise<AppModels> {
  const folders = modelFolders(io.env, cwd);
  const found = findLocalModels(folders.map((f) => f.path));
  let ref: string;
  let source: string;
  if (model !== undefined) {
    ref = model;
    source = '--model';
  } else {
    try {
      const chosen = findDefaultModel(io.env, cwd);
      ref = chosen.ref;
      source = chosen.from;
    } catch (error) {
      if (!(error instanceof NoModelError)) throw error;
      return { models: found, help: noModelHelp(folders.map((f) => f.label)) };
    }
  }
  const path = resolve(cwd, await resolveModelWithProgress(ref, io));
  const id = modelId(path);
  const others = found.filter((m) => m.id !== id);
  return { models: [{ id, path }, ...others], defaultModel: { id, path, source } };
}
