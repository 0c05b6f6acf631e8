import type { HostLoadOptions } from './protocol.js';

/** Options of `startEngineProcess`. */
export interface EngineProcessOptions extends HostLoadOptions {
  /** Start a new model process after a crash. Default true; with false a crash ends the engine. */
  restart?: boolean;
  /** Give up after this many crashes within `crashWindowMs` with no successful request between. Default 5. */
  maxCrashes?: number;
  /** Default 60 000 ms. */
  crashWindowMs?: number;
  /** How long a cancelled request may take to stop before the process is killed and restarted. Default 5 000 ms. */
  cancelGraceMs?: number;
  /**
   * How long a constrained generation may go without producing a token (building its grammar
   * included) before it is stopped with a 400 `InvalidOptionError` (`constraint`): some grammars
   * (nested optional repeats, huge enums) make llama.cpp's grammar engine work for minutes per token,
   * holding the model for every other request. Default 20 000 ms; 0: never.
   */
  constraintStepTimeoutMs?: number;
  /** How long loading the model may take. Default 120 000 ms. */
  loadTimeoutMs?: number;
  /** Called with everything the model process writes to stdout/stderr (by default it is kept, not shown). */
  onOutput?: (text: string) => void;
  /** The compiled `engineHost.js` to fork (default: the one built beside this module). */
  hostEntry?: string;
  /** Environment of the model process (default: this process's). */
  env?: NodeJS.ProcessEnv;
}
