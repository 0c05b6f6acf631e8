import { TokenscopeError } from '@tokenscope/core';

/** How the model process ended. */
export interface ProcessExit {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  /** The signal that ended it (`SIGABRT` for a native abort), or null. */
  signal: NodeJS.Signals | null;
  /** The native error it printed last (`std::out_of_range: _Map_base::at`), when one was found. */
  reason?: string;
  /** The last few KiB of what it wrote to stdout/stderr (for `--debug` and logs, not for users). */
  output: string;
}

/** Describes an exit in a few words: `killed by SIGABRT: std::out_of_range: _Map_base::at`. */
export function describeExit(exit: ProcessExit): string {
  const how = exit.signal !== null ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
  return exit.reason === undefined ? how : `${how}: ${exit.reason}`;
}

/**
 * The model process died (a native abort in llama.cpp, killed, out of memory) while it ran this
 * request. Other requests are not lost: they run on the restarted process.
 */
export class EngineCrashedError extends TokenscopeError {
  readonly modelPath: string;
  readonly exit: ProcessExit;
  /** Whether a new model process is being started (false when restarts are off or gave up). */
  readonly restarted: boolean;

  constructor(modelPath: string, exit: ProcessExit, restarted: boolean) {
    const next = restarted
      ? 'it was restarted: retry the request, or change the input (e.g. characters the model cannot tokenize)'
      : 'change the input (e.g. characters the model cannot tokenize) or use another model';
    super('engine_crashed', `the model process crashed on this input (${describeExit(exit)}); ${next}`, {
      status: 500,
      type: 'engine_error',
    });
    this.modelPath = modelPath;
    this.exit = exit;
    this.restarted = restarted;
  }
}
