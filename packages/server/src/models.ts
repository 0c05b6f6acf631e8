import type { ModelInfo } from '@tokenscope/local';
import type { Context } from 'hono';
import type { AppContext } from './AppContext.js';

/** A model in OpenAI's shape, plus what a local model adds (vocabulary and context sizes). */
function toModel(info: ModelInfo, created: number) {
  return {
    id: info.id,
    object: 'model',
    created,
    owned_by: 'tokenscope',
    tokenscope: {
      vocab_size: info.vocabSize,
      context_size: info.contextSize,
      train_context_size: info.trainContextSize,
      has_chat_template: info.hasChatTemplate,
    },
  };
}

/** `GET /v1/models`. */
export function listModels(c: Context, app: AppContext, created: number): Response {
  return c.json({ object: 'list', data: app.registry.list().map((info) => toModel(info, created)) });
}

/** `GET /v1/models/:id` (404 `model_not_found` for an unknown id). */
export async function retrieveModel(c: Context, app: AppContext, created: number): Promise<Response> {
  const engine = await app.registry.get(c.req.param('id') ?? '');
  return c.json(toModel(engine.info, created));
}
