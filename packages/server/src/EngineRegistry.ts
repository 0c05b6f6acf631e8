import type { Engine, ModelInfo } from '@tokenscope/local';
import { ApiError } from './ApiError.js';

/** Engines by model id: a fixed list, or a function that finds (or loads) the engine of a model id. */
export type EngineSource =
  | readonly Engine[]
  | ((modelId: string) => Engine | undefined | Promise<Engine | undefined>);

/** Finds the engine for a request's `model` and lists the models `/v1/models` shows. */
export class EngineRegistry {
  constructor(
    private readonly source: EngineSource,
    private readonly listed?: () => readonly ModelInfo[],
  ) {}

  /** Models to list: the engines' models, or `listModels()` when engines come from a function. */
  list(): readonly ModelInfo[] {
    if (this.listed) return this.listed();
    return typeof this.source === 'function' ? [] : this.source.map((e) => e.info);
  }

  /** The engine of `modelId`; 404 `model_not_found` when there is none. */
  async get(modelId: string): Promise<Engine> {
    const engine =
      typeof this.source === 'function'
        ? await this.source(modelId)
        : this.source.find((e) => e.info.id === modelId);
    if (!engine) {
      const known = this.list().map((m) => m.id);
      throw new ApiError(
        404,
        'invalid_request_error',
        `The model \`${modelId}\` does not exist` +
          (known.length > 0 ? `; this server has ${known.map((id) => `\`${id}\``).join(', ')}` : '') +
          ' (GET /v1/models lists them)',
        { param: 'model', code: 'model_not_found' },
      );
    }
    return engine;
  }
}
