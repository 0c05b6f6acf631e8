import { defaultDataDir, openRunStore, type RunStore } from '@tokenscope/store';
import { type Command, Option } from 'commander';
import type { CliIo } from '../io/CliIo.js';

/** Where a command's runs are: `--database-url` (PostgreSQL), else `--data-dir` (SQLite). */
export interface StoreCliOptions {
  dataDir?: string;
  databaseUrl?: string;
}

/** `--data-dir` and `--database-url`, for every command that reads or writes runs. */
export function addStoreOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--data-dir <dir>',
        'folder of the run history (runs.sqlite; default: $TOKENSCOPE_DATA_DIR, else ~/.local/share/tokenscope)',
      ).env('TOKENSCOPE_DATA_DIR'),
    )
    .addOption(
      new Option(
        '--database-url <url>',
        "keep the runs in a team's PostgreSQL database instead: postgres://USER[:PASSWORD]@HOST:PORT/DB (default: $TOKENSCOPE_DATABASE_URL)",
      ).env('TOKENSCOPE_DATABASE_URL'),
    );
}

/**
 * Opens the run history: PostgreSQL when `--database-url` (or `$TOKENSCOPE_DATABASE_URL`) is set,
 * else the SQLite file in `--data-dir` (else `$TOKENSCOPE_DATA_DIR`, else the default folder).
 */
export function openStore(options: StoreCliOptions, io: CliIo): Promise<RunStore> {
  const url = options.databaseUrl ?? io.env.TOKENSCOPE_DATABASE_URL;
  if (url !== undefined && url !== '') return openRunStore({ databaseUrl: url });
  const dataDir = options.dataDir;
  const dir = dataDir === undefined || dataDir === '' ? defaultDataDir(io.env as NodeJS.ProcessEnv) : dataDir;
  return openRunStore({ dataDir: dir });
}
