import type { LogprobResponse } from '@tokenscope/core';
import type { EndpointOptions, LogprobRequest, ProviderAdapter, RequestOptions } from '../Provider.js';
import { type TemperatureRefusal, temperatureRefusal } from '../refusals/temperatureRefusal.js';

/**
 * `adapter.complete`, asked again without `temperature` when the endpoint refuses the parameter
 * (OpenAI's reasoning models take only their default, and may say so before they refuse logprobs):
 * the second answer, or its error (a `LogprobsUnsupportedError` the caller can fall back on), and
 * what the endpoint said about the temperature.
 */
export async function completeRetryingTemperature(
  adapter: ProviderAdapter,
  endpoint: EndpointOptions,
  request: LogprobRequest,
  options: RequestOptions = {},
  onRefused?: (refusal: TemperatureRefusal) => void,
): Promise<LogprobResponse> {
  try {
    return await adapter.complete(endpoint, request, options);
  } catch (error) {
    const refusal = request.temperature === undefined ? undefined : temperatureRefusal(error);
    if (refusal === undefined) throw error;
    onRefused?.(refusal);
    const { temperature: _refused, ...withoutTemperature } = request;
    return adapter.complete(endpoint, withoutTemperature, options);
  }
}
