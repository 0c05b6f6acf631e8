import { defaultDataDir, openRunStore, type RunStore } from '@tokenscope/store';
import type { CliIo } from '../io/CliIo.js';

/** Opens the run history in `--data-dir` (else `$TOKENSCOPE_DATA_DIR`, else the default folder). */
export function openStore(dataDir: string | undefined, io: CliIo): RunStore {
  const dir = dataDir === undefined || dataDir === '' ? defaultDataDir(io.env as NodeJS.ProcessEnv) : dataDir;
  return openRunStore({ dataDir: dir });
}
