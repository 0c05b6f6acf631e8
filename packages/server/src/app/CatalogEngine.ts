import type {
  CallOptions,
  Engine,
  GenerateRequest,
  GenerateResult,
  ModelInfo,
  ScoreContinuationsOptions,
  ScoreContinuationsResult,
  ScoreResult,
  ScoringPrefix,
} from '@tokenscope/local';

/** What a `CatalogEngine` asks of its catalog. */
export interface EngineUser {
  info(id: string): ModelInfo | undefined;
  use<T>(id: string, work: (engine: Engine) => Promise<T>): Promise<T>;
  release(id: string): Promise<void>;
}

/**
 * A catalog model as an `Engine`: every call runs on the model's current engine process, which the
 * catalog starts again when it was closed to make room for another model. `close()` closes it now.
 */
export class CatalogEngine implements Engine {
  constructor(
    readonly id: string,
    private readonly catalog: EngineUser,
  ) {}

  get info(): ModelInfo {
    const info = this.catalog.info(this.id);
    if (info === undefined) throw new Error(`the model ${this.id} has not been loaded yet`);
    return info;
  }

  generate(request: GenerateRequest, options?: CallOptions): Promise<GenerateResult> {
    return this.catalog.use(this.id, (engine) => engine.generate(request, options));
  }

  score(text: string, options?: { topLogprobs?: number; signal?: AbortSignal }): Promise<ScoreResult> {
    return this.catalog.use(this.id, (engine) => engine.score(text, options));
  }

  scoreContinuations(
    prefix: ScoringPrefix,
    continuations: string[],
    options?: ScoreContinuationsOptions,
  ): Promise<ScoreContinuationsResult> {
    return this.catalog.use(this.id, (engine) => engine.scoreContinuations(prefix, continuations, options));
  }

  tokenize(text: string): Promise<number[]> {
    return this.catalog.use(this.id, (engine) => engine.tokenize(text));
  }

  close(): Promise<void> {
    return this.catalog.release(this.id);
  }
}
