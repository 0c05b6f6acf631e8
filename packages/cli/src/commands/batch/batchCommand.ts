/**
 * `tokenscope batch FILE.jsonl|DIR --dataset NAME`: runs (or reads) every row of a dataset into the
 * run store, resumably and shared between workers, then prints the dataset's summary.
 * Exit codes: 0 every row of the dataset is done; 1 a row failed (recorded with its error) or the
 * batch could not run; 130 interrupted (what was stored stays; run it again to finish).
 */
import { once } from 'node:events';
import type { RunParams } from '@tokenscope/core';
import { PROVIDER_IDS, type ProviderId } from '@tokenscope/providers';
import { Command, Option } from 'commander';
import { addStoreOptions, openStore, type StoreCliOptions } from '../../app/openStore.js';
import type { CliIo } from '../../io/CliIo.js';
import { addLocalModelOptions, type LocalModelOptions } from '../../models/openLocalModel.js';
import { addConfidenceOptions, type ConfidenceOptions } from '../../options/confidenceOptions.js';
import { formatOption } from '../../options/formatOption.js';
import { integerAtLeast, parseNonNegativeNumber } from '../../options/parseNumbers.js';
import { apiKeyOption, parseBaseUrl } from '../../options/remoteOptions.js';
import { DATASET_GROUP_OPTIONS, type GroupByName, groupByOption } from '../../options/runFilterOptions.js';
import { writeDatasetSummary } from '../writeDatasetSummary.js';
import { batchProgress } from './batchProgress.js';
import { localTarget, remoteTarget } from './batchTargets.js';
import { batchFiles, readBatchLines } from './readBatchLines.js';
import { runBatch } from './runBatch.js';
import { newWorkerId } from './workerId.js';

/** Formats of the summary `batch` prints (`--format`, or `--summary`, which also takes `none`). */
export const BATCH_FORMATS = ['text', 'json', 'html'] as const;

interface BatchCliOptions extends StoreCliOptions, LocalModelOptions, ConfidenceOptions {
  dataset: string;
  baseUrl?: string;
  provider?: ProviderId;
  apiKey?: string;
  concurrency: number;
  retries: number;
  timeout?: number;
  maxTokens: number;
  temperature: number;
  topLogprobs: number;
  promptVersion?: string;
  tag?: string[];
  lease: number;
  format?: (typeof BATCH_FORMATS)[number];
  summary: (typeof BATCH_FORMATS)[number] | 'none';
  groupBy: GroupByName;
  output?: string;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function batchCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  const command = new Command('batch')
    .description(
      'Run (or read) every row of a JSON lines file or folder into a dataset of the run history: resumable, shared between workers, then summarised.',
    )
    .argument('<input>', 'a .jsonl file, or a folder of them: requests to run, or recorded responses')
    .requiredOption(
      '--dataset <name>',
      'the dataset the runs belong to (rows already done in it are skipped)',
    );
  addStoreOptions(addLocalModelOptions(command))
    .option('--base-url <url>', 'send request rows to this API instead of the local model', parseBaseUrl)
    .addOption(
      new Option(
        '--provider <id>',
        'with --base-url: the API it speaks (default: openai-chat for messages, openai-completions for prompts)',
      ).choices(PROVIDER_IDS),
    )
    .addOption(apiKeyOption())
    .option(
      '--concurrency <n>',
      'requests in flight at once (remote targets; the local model runs one at a time)',
      integerAtLeast(1),
      4,
    )
    .option(
      '--retries <n>',
      'retries of a remote request on 408/409/429/5xx and connection errors (backoff, retry-after honoured)',
      integerAtLeast(0),
      4,
    )
    .option('--timeout <ms>', 'per-attempt timeout of a remote request in ms', integerAtLeast(1))
    .option('--max-tokens <n>', 'most tokens per answer (a row may say max_tokens)', integerAtLeast(1), 128)
    .option(
      '--temperature <t>',
      'sampling temperature (a row may say temperature; 0 = greedy)',
      parseNonNegativeNumber,
      0,
    )
    .option('--top-logprobs <k>', 'alternatives per token (a row may say top_logprobs)', integerAtLeast(0), 5)
    .option('--prompt-version <v>', "prompt version of rows that don't give one")
    .option('--tag <tag>', "tag rows that don't give tags (repeat for several)", collect)
    .option(
      '--lease <seconds>',
      'how long a row stays claimed by a worker that stops answering',
      integerAtLeast(5),
      60,
    )
    .addOption(
      formatOption(BATCH_FORMATS, {
        description:
          'format of the dataset summary printed at the end (default: text; --summary none prints none)',
      }).conflicts('summary'),
    )
    .addOption(
      new Option('--summary <format>', 'the dataset summary printed at the end (--format, or none)')
        .choices([...BATCH_FORMATS, 'none'])
        .default('text'),
    )
    .addOption(groupByOption('model'))
    .option('-o, --output <file>', 'write the summary to a file instead of stdout');
  addConfidenceOptions(command);
  return command.action(async (input: string, options: BatchCliOptions) => {
    const files = batchFiles(input); // checked before the store or a model is opened
    const store = await openStore(options, io);
    const controller = new AbortController();
    const stop = () => {
      io.stderr.write(
        'tokenscope: batch: stopping after the rows in flight (run the same command again to finish)\n',
      );
      controller.abort();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      let total = 0;
      for await (const _ of readBatchLines(files)) total++;
      const params: RunParams = {
        maxTokens: options.maxTokens,
        temperature: options.temperature,
        topLogprobs: options.topLogprobs,
      };
      const worker = newWorkerId();
      // each worker starts at its own place in the input (in whole claim chunks): workers sharing a
      // dataset then work apart instead of taking turns on the same rows
      const startAt = total <= 64 ? 0 : 64 * Math.floor(Math.random() * Math.floor(total / 64));
      const progress = batchProgress(io, options.dataset, total);
      const counts = await runBatch(store, {
        dataset: options.dataset,
        worker,
        files,
        leaseMs: options.lease * 1000,
        startAt,
        signal: controller.signal,
        defaults: {
          tags: options.tag ?? [],
          ...(options.promptVersion === undefined ? {} : { promptVersion: options.promptVersion }),
        },
        target: async () =>
          options.baseUrl === undefined
            ? localTarget(options, params, options, io)
            : remoteTarget(
                {
                  baseUrl: options.baseUrl,
                  confidence: options.confidence,
                  samples: options.samples,
                  concurrency: options.concurrency,
                  retries: options.retries,
                  ...(options.provider === undefined ? {} : { provider: options.provider }),
                  ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
                  ...(options.model === undefined ? {} : { model: options.model }),
                  ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
                },
                params,
                io,
              ),
        onProgress: (c) => progress.update(c),
        onFailure: (_where, message) => io.stderr.write(`tokenscope: batch: row failed: ${message}\n`),
      });
      progress.stop(counts);
      const state = await store.batchProgress(options.dataset);
      io.stderr.write(
        `tokenscope: batch ${options.dataset}: this worker stored ${counts.stored} (${counts.tokens} tokens), skipped ${counts.skipped} done before, ${counts.failed} failed; the dataset has ${state.done} rows done, ${state.failed} failed${state.claimed > 0 ? `, ${state.claimed} still claimed` : ''}\n`,
      );
      if (controller.signal.aborted) {
        setExitCode(130);
        return;
      }
      const summary = options.format ?? options.summary;
      if (summary !== 'none') {
        await writeDatasetSummary(
          store,
          { dataset: options.dataset, groupBy: DATASET_GROUP_OPTIONS[options.groupBy] },
          summary,
          io,
          options.output,
        );
      }
      if (state.failed > 0) {
        io.stderr.write(
          `tokenscope: batch ${options.dataset}: ${state.failed} row${state.failed === 1 ? '' : 's'} failed (errors above and in the store); run the same command again to retry them\n`,
        );
        setExitCode(1);
      }
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await store.close();
      if (io.stdout.writableNeedDrain) await once(io.stdout, 'drain');
    }
  });
}
