import { type ChildProcess, fork } from 'node:child_process';
import type { ProcessExit } from './EngineCrashedError.js';
import type { ChildMessage, ParentMessage } from './protocol.js';

/** How much of the child's stdout/stderr is kept for error reports. */
const OUTPUT_TAIL_CHARS = 8192;

/** Every live child, killed when this process exits so none is left behind. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/** Finds the native error in what a dying process printed (C++ `terminate`, `GGML_ASSERT`). */
export function nativeReason(output: string): string | undefined {
  const type = /terminate called after throwing an instance of '([^']+)'/.exec(output)?.[1];
  const what = /what\(\):\s*(.+)/.exec(output)?.[1]?.trim();
  if (type !== undefined || what !== undefined) return [type, what].filter(Boolean).join(': ');
  const line = /^.*(GGML_ASSERT|Assertion .* failed|Segmentation fault).*$/m.exec(output)?.[0]?.trim();
  return line === undefined ? undefined : line.slice(0, 200);
}

export interface HostProcessOptions {
  entry: string;
  env?: NodeJS.ProcessEnv;
  onMessage: (message: ChildMessage) => void;
  onExit: (exit: ProcessExit) => void;
  onOutput?: (text: string) => void;
}

/**
 * One forked `engineHost` child: IPC with structured clone, stdout/stderr captured (the last few
 * KiB are kept to explain a crash), killed with this process. `onExit` is called once.
 */
export class HostProcess {
  readonly child: ChildProcess;
  private output = '';
  private exited = false;

  constructor(options: HostProcessOptions) {
    installExitHook();
    this.child = fork(options.entry, [], {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: options.env ?? process.env,
    });
    live.add(this.child);
    const capture = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      this.output = (this.output + text).slice(-OUTPUT_TAIL_CHARS);
      options.onOutput?.(text);
    };
    this.child.stdout?.on('data', capture);
    this.child.stderr?.on('data', capture);
    this.child.on('message', (message) => options.onMessage(message as ChildMessage));
    // 'close' comes after the stdio streams end, so the output tail is complete.
    this.child.on('close', (code, signal) => {
      if (this.exited) return;
      this.exited = true;
      live.delete(this.child);
      const reason = nativeReason(this.output);
      options.onExit({ code, signal, output: this.output, ...(reason === undefined ? {} : { reason }) });
    });
    this.child.on('error', () => {
      // Spawn failures and send errors end in 'close' too; nothing more to do here.
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return !this.exited;
  }

  send(message: ParentMessage): void {
    if (!this.exited && this.child.connected) this.child.send(message, undefined, undefined, () => {});
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}
