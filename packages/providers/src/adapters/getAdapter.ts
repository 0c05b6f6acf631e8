import { InvalidOptionError } from '@tokenscope/core';
import { PROVIDER_IDS, type ProviderAdapter, type ProviderId } from '../Provider.js';
import { gemini } from './gemini.js';
import { ollama } from './ollama.js';
import { openaiChat } from './openaiChat.js';
import { openaiCompletions } from './openaiCompletions.js';
import { openaiResponses } from './openaiResponses.js';
import { tgi } from './tgi.js';

/** Every adapter, by id. */
export const ADAPTERS: Readonly<Record<ProviderId, ProviderAdapter>> = {
  'openai-chat': openaiChat,
  'openai-responses': openaiResponses,
  'openai-completions': openaiCompletions,
  ollama,
  tgi,
  gemini,
};

/** The adapter of a provider id; `InvalidOptionError` (listing the ids) for an unknown one. */
export function getAdapter(id: string): ProviderAdapter {
  if (!(PROVIDER_IDS as readonly string[]).includes(id)) {
    throw new InvalidOptionError(
      'provider',
      `unknown provider "${id}"; expected one of: ${PROVIDER_IDS.join(', ')}`,
    );
  }
  return ADAPTERS[id as ProviderId];
}
