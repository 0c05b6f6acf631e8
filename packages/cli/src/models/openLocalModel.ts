import { type EngineProcess, type EngineProcessOptions, startEngineProcess } from '@tokenscope/local';
import { type Command, Option } from 'commander';
import type { CliIo } from '../io/CliIo.js';
import { integerAtLeast } from '../options/parseNumbers.js';
import { findDefaultModel } from './findDefaultModel.js';
import { resolveModelWithProgress } from './resolveModelWithProgress.js';

/** The options of commands that run a local model (`ask`, `serve`). */
export interface LocalModelOptions {
  model?: string;
  contextSize?: number;
  threads?: number;
}

/** `--model`, `--context-size`, `--threads`. */
export function addLocalModelOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '-m, --model <model>',
        'GGUF model: a path, an https:// URL, hf:owner/repo/file.gguf or hf:owner/repo:QUANT (default: see "Default model")',
      ),
    )
    .option(
      '--context-size <n>',
      "context size in tokens (default: the model's training context, at most 4096)",
      integerAtLeast(1),
    )
    .option(
      '--threads <n>',
      'CPU threads for llama.cpp (default 1; more than free cores is far slower)',
      integerAtLeast(1),
    );
}

/**
 * Finds the model (`--model`, else the default search, which is reported on stderr), downloads it
 * when it is a URL or Hugging Face reference, and starts it in a child process.
 */
export async function openLocalModel(
  options: LocalModelOptions,
  io: CliIo,
  processOptions: EngineProcessOptions = {},
): Promise<EngineProcess> {
  let ref = options.model;
  if (ref === undefined) {
    const found = findDefaultModel(io.env, process.cwd());
    io.stderr.write(`model: ${found.name} (from ${found.from})\n`);
    ref = found.ref;
  }
  const path = await resolveModelWithProgress(ref, io);
  const hostEntry = io.env.TOKENSCOPE_ENGINE_HOST;
  return startEngineProcess(path, {
    ...processOptions,
    // For tests: a different compiled engine host to fork (e.g. one that crashes on purpose).
    ...(hostEntry === undefined || hostEntry === '' ? {} : { hostEntry }),
    ...(options.contextSize === undefined ? {} : { contextSize: options.contextSize }),
    ...(options.threads === undefined ? {} : { threads: options.threads }),
  });
}
