import type { LocalModelEntry } from '@tokenscope/core';
import {
  type Engine,
  type EngineProcessOptions,
  type ModelInfo,
  startEngineProcess,
} from '@tokenscope/local';
import { ApiError } from '../ApiError.js';
import type { ModelCatalog } from './AppServices.js';
import { CatalogEngine, type EngineUser } from './CatalogEngine.js';

/** Options of `createModelCatalog`. */
export interface ModelCatalogOptions {
  /** The models to offer (`findLocalModels` finds them), in the order the app lists them. */
  models: ReadonlyArray<{ id: string; path: string }>;
  /** The model the app selects first and how it was found. */
  defaultModel?: { id: string; source: string };
  /** With no model: what to do to get one. */
  help?: string;
  /** Options of each model's engine process (default `threads: 1`). */
  engineOptions?: EngineProcessOptions;
  /** Most engines kept alive at once; the least recently used idle one is closed (default 2). */
  maxEngines?: number;
  /** Starts an engine (default `startEngineProcess`; tests pass their own). */
  startEngine?: (path: string, options: EngineProcessOptions) => Promise<Engine>;
}

interface Slot {
  ready: Promise<Engine>;
  engine: Engine | undefined;
  active: number;
  lastUsed: number;
}

/**
 * The local models of the app, each started lazily in its own engine process on first use. Requests
 * that arrive while a model starts share that start; a start that fails is retried by the next request.
 * At most `maxEngines` engines stay alive: when one more starts, the least recently used idle one is
 * closed (it starts again when asked for). The handles `engine()` returns survive that: each call goes
 * through the catalog. Vocabulary and context sizes and whether it has a chat template are listed once
 * a model has been loaded.
 */
export function createModelCatalog(options: ModelCatalogOptions): ModelCatalog {
  return new LazyModelCatalog(options);
}

class LazyModelCatalog implements ModelCatalog, EngineUser {
  private readonly slots = new Map<string, Slot>();
  private readonly infos = new Map<string, ModelInfo>();
  private readonly handles = new Map<string, CatalogEngine>();
  private readonly max: number;
  private clock = 0;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: ModelCatalogOptions) {
    this.max = Math.max(1, Math.floor(options.maxEngines ?? 2));
  }

  list(): LocalModelEntry[] {
    return this.options.models.map(({ id, path }) => {
      const info = this.infos.get(id);
      if (info === undefined) return { id, path };
      const { vocabSize, contextSize, hasChatTemplate } = info;
      return { id, path, vocabSize, contextSize, hasChatTemplate };
    });
  }

  defaultModel(): { id: string; source: string } | null {
    return this.options.defaultModel ?? null;
  }

  help(): string | undefined {
    return this.options.help;
  }

  async engine(id: string): Promise<Engine> {
    await this.use(id, async () => {});
    let handle = this.handles.get(id);
    if (handle === undefined) {
      handle = new CatalogEngine(id, this);
      this.handles.set(id, handle);
    }
    return handle;
  }

  info(id: string): ModelInfo | undefined {
    return this.infos.get(id);
  }

  /** Runs `work` on the model's engine (started when needed), which is not closed meanwhile. */
  async use<T>(id: string, work: (engine: Engine) => Promise<T>): Promise<T> {
    if (this.closing !== undefined) throw new ApiError(503, 'engine_error', 'the model catalog is closed');
    const slot = this.slotOf(id);
    slot.active++;
    slot.lastUsed = ++this.clock;
    try {
      return await work(await slot.ready);
    } finally {
      slot.active--;
      this.trim();
    }
  }

  /** Closes one model's engine (a handle's `close()`); it starts again when asked for. */
  async release(id: string): Promise<void> {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    this.slots.delete(id);
    await slot.ready.then((engine) => engine.close()).catch(() => {});
  }

  close(): Promise<void> {
    this.closing ??= Promise.all([...this.slots.keys()].map((id) => this.release(id))).then(() => {});
    return this.closing;
  }

  private slotOf(id: string): Slot {
    const existing = this.slots.get(id);
    if (existing !== undefined) return existing;
    const model = this.options.models.find((m) => m.id === id);
    if (model === undefined) throw this.notFound(id);
    const start = this.options.startEngine ?? startEngineProcess;
    const slot: Slot = {
      ready: start(model.path, { threads: 1, ...this.options.engineOptions }),
      engine: undefined,
      active: 0,
      lastUsed: ++this.clock,
    };
    this.slots.set(id, slot);
    slot.ready.then(
      (engine) => {
        slot.engine = engine;
        this.infos.set(id, engine.info);
        this.trim();
      },
      () => {
        // The next request starts it again.
        if (this.slots.get(id) === slot) this.slots.delete(id);
      },
    );
    return slot;
  }

  /**
   * Closes the least recently asked-for idle engines while more than `max` are alive or starting; never
   * the one asked for last (with all others busy, one more stays alive until they are idle).
   */
  private trim(): void {
    while (this.slots.size > this.max) {
      const newest = Math.max(...[...this.slots.values()].map((s) => s.lastUsed));
      let victim: [string, Slot] | undefined;
      for (const entry of this.slots) {
        const slot = entry[1];
        if (slot.engine === undefined || slot.active > 0 || slot.lastUsed === newest) continue;
        if (victim === undefined || slot.lastUsed < victim[1].lastUsed) victim = entry;
      }
      if (victim === undefined) return;
      this.slots.delete(victim[0]);
      void victim[1].engine?.close().catch(() => {});
    }
  }

  private notFound(id: string): ApiError {
    const known = this.options.models.map((m) => `\`${m.id}\``);
    return new ApiError(
      404,
      'not_found_error',
      `The model \`${id}\` is not one of this server's local models` +
        (known.length > 0 ? ` (${known.join(', ')})` : ' (none was found)') +
        '; pick one that GET /api/status lists',
      { param: 'model', code: 'model_not_found' },
    );
  }
}
