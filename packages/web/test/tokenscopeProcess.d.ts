import type { ChildProcess } from 'node:child_process';

export declare const REPO_ROOT: string;
export declare const BIN: string;
/** The shared test models: $TOKENSCOPE_MODELS_DIR, else ../shared/models beside the repository. */
export declare const MODELS_DIR: string;
export declare const STORIES: string;
export declare const APP_READY: RegExp;
export declare const SERVE_READY: RegExp;

export interface StartOptions {
  /** The stdout pattern that means ready; its first group is the base URL (default: APP_READY). */
  ready?: RegExp;
  cwd?: string;
  /** Extra environment; undefined removes a variable. */
  env?: Record<string, string | undefined>;
}

export interface TokenscopeProcess {
  child: ChildProcess;
  pid: number;
  /** The base URL, without a trailing slash (`http://127.0.0.1:PORT`). */
  url: string;
  /** Stdout then stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal) when the process exits. */
  exited: Promise<number | string | null>;
  /** SIGTERM, wait for the exit (the model process is killed with the group if it lingers). */
  stop(): Promise<void>;
  /** `kill -9` of the whole process tree; resolves on exit. */
  kill(): Promise<void>;
}

export declare function startTokenscope(args: string[], options?: StartOptions): Promise<TokenscopeProcess>;

export declare function startApp(
  dataDir: string,
  options?: StartOptions & { model?: string | null; args?: string[] },
): Promise<TokenscopeProcess>;
