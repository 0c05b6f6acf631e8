import { isRecord } from '@tokenscope/core';
import { MalformedAnswerError } from '../errors/MalformedAnswerError.js';
import { createHttpClient, type HttpClientOptions } from '../http/createHttpClient.js';
import type { EndpointOptions, SampledAnswer } from '../Provider.js';

/** One request for an answer without logprobs, as an adapter built it. */
export interface SampleCall {
  /** The adapter's label, named in errors. */
  provider: string;
  endpoint: EndpointOptions;
  path: string;
  body: Record<string, unknown>;
  signal?: AbortSignal | undefined;
  http?: HttpClientOptions;
  /** Reads the answer's text, finish reason and usage; undefined when the body has no text where the API puts it. */
  read: (body: Record<string, unknown>) => SampledAnswer | undefined;
  /** Where the API puts the text, for the error when it is missing (e.g. `choices[0].message.content`). */
  textAt: string;
}

/** Sends the call (the HTTP client's timeouts and retries) and reads the answer. */
export async function runSampleRequest(call: SampleCall): Promise<SampledAnswer> {
  const http = createHttpClient(call.endpoint, call.http);
  let body = await http.json({
    path: call.path,
    body: call.body,
    ...(call.signal && { signal: call.signal }),
  });
  // TGI's /generate answers [{...}] on some versions.
  if (Array.isArray(body) && body.length === 1) body = body[0];
  const answer = isRecord(body) ? call.read(body) : undefined;
  if (answer === undefined) {
    throw new MalformedAnswerError(call.provider, `expected the answer's text at ${call.textAt}, found none`);
  }
  return answer;
}

/** A non-negative integer from an answer's usage field, else undefined. */
export function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** `{ text, finishReason?, promptTokens?, completionTokens? }` without undefined entries. */
export function answerOf(
  text: string,
  finishReason: unknown,
  promptTokens: unknown,
  completionTokens: unknown,
): SampledAnswer {
  const prompt = count(promptTokens);
  const completion = count(completionTokens);
  return {
    text,
    ...(typeof finishReason === 'string' && finishReason !== '' && { finishReason }),
    ...(prompt !== undefined && { promptTokens: prompt }),
    ...(completion !== undefined && { completionTokens: completion }),
  };
}
