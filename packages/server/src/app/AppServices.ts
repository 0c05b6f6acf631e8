import type { LocalModelEntry } from '@tokenscope/core';
import type { Engine } from '@tokenscope/local';
import type { RunStore } from '@tokenscope/store';

/**
 * The local models the app can run: every GGUF file found (the CLI's search order), each started
 * lazily in its own child process (`startEngineProcess`, threads 1) on first use.
 */
export interface ModelCatalog {
  list(): LocalModelEntry[];
  /** The model the app selects first and how it was found, or null when there is none. */
  defaultModel(): { id: string; source: string } | null;
  /** With no model: what to do to get one. */
  help(): string | undefined;
  /** The engine of a listed model, started on first use; an ApiError 404 `model_not_found` otherwise. */
  engine(id: string): Promise<Engine>;
  close(): Promise<void>;
}

/** What the app's `/api` routes share. */
export interface AppServices {
  store: RunStore;
  catalog: ModelCatalog;
  /** Tokenscope's version (package.json). */
  version: string;
  /** When set, `/api` needs `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Transport for remote endpoints (tests); default global fetch. */
  fetch?: typeof fetch;
}
