import type { LogprobResponse, Token } from '@tokenscope/core';

/** The remote APIs Tokenscope can ask for logprobs. */
export const PROVIDER_IDS = [
  'openai-chat',
  'openai-responses',
  'openai-completions',
  'ollama',
  'tgi',
  'gemini',
] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** A chat message (text only). */
export interface RemoteMessage {
  role: 'system' | 'user' | 'assistant' | 'developer';
  content: string;
}

/** Where to send requests and how to authenticate. Keys are never logged or stored. */
export interface EndpointOptions {
  /** Base URL, e.g. `https://api.openai.com/v1`, `http://127.0.0.1:8000/v1`, `http://localhost:11434`. */
  baseURL: string;
  apiKey?: string;
  /** Extra headers (Azure `api-key`, OpenRouter `HTTP-Referer`, ...). */
  headers?: Record<string, string>;
  /** Per-attempt timeout in ms (default 60 000). */
  timeoutMs?: number;
  /** Retries on 408/409/429/5xx and connection errors (default 2), honouring `retry-after`. */
  maxRetries?: number;
  /** For tests and custom transports. */
  fetch?: typeof fetch;
  /**
   * Dialect of an OpenAI-compatible server (default `auto`: `together` for api.together.xyz/.ai,
   * `openai` for api.openai.com and Azure, else `generic`). `together` sends chat `logprobs` as an int;
   * `openai` caps legacy completions `logprobs` at 5.
   */
  compat?: 'auto' | 'openai' | 'together' | 'generic';
}

/** One request for logprobs, in provider-neutral terms. Each adapter maps it to its own parameters. */
export interface LogprobRequest {
  model: string;
  /** Chat messages, or a plain prompt (completions-style endpoints; chat endpoints wrap it as a user message). */
  messages?: RemoteMessage[];
  prompt?: string;
  /** Alternatives per token (the adapter clamps or rejects per the provider's limit). Default 5. */
  topLogprobs?: number;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  seed?: number;
  stop?: string[];
  /** Also ask for prompt logprobs where the API has them (`echo`, vLLM `prompt_logprobs`). */
  echo?: boolean;
}

/** Per-call options. */
export interface RequestOptions {
  signal?: AbortSignal;
  /** Stream the response; `onToken` is called with each token as it arrives. */
  stream?: boolean;
  onToken?: (token: Token, choiceIndex: number) => void;
}

/** One answer asked for without logprobs (a sample for sampling consistency). */
export interface SampledAnswer {
  text: string;
  /** Why generation stopped, as the provider said (`stop`, `length`, ...). */
  finishReason?: string;
  /** Token usage of this request, when the API reported it. */
  promptTokens?: number;
  completionTokens?: number;
}

/** A provider adapter: sends the parameters its server expects and returns the core data model. */
export interface ProviderAdapter {
  id: ProviderId;
  label: string;
  /** Ask for logprobs. Throws `LogprobsUnsupportedError` when the endpoint refuses or ignores them. */
  complete(
    endpoint: EndpointOptions,
    request: LogprobRequest,
    options?: RequestOptions,
  ): Promise<LogprobResponse>;
  /**
   * Ask for one answer WITHOUT logprobs (no logprob parameter is sent; `topLogprobs` and `echo` are
   * ignored), not streamed: what sampling consistency compares. `temperature` undefined leaves it
   * out (the model's default).
   */
  sample(
    endpoint: EndpointOptions,
    request: LogprobRequest,
    options?: { signal?: AbortSignal },
  ): Promise<SampledAnswer>;
}
