import { InvalidOptionError } from '@tokenscope/core';

/**
 * The OTLP/HTTP traces URL to export to: `endpoint` (`--otlp-endpoint`), else
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (used as it is), else `OTEL_EXPORTER_OTLP_ENDPOINT`; undefined
 * when none is set (nothing is exported). A base URL (`http://collector:4318`) gets the signal's path
 * `/v1/traces`, as the OTLP exporter specification says of `OTEL_EXPORTER_OTLP_ENDPOINT`; a URL that
 * already ends with it is kept.
 */
export function otlpTracesUrl(
  endpoint: string | undefined,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  const tracesEnv = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const baseEnv = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  let chosen: string;
  let exact = false;
  if (endpoint !== undefined) chosen = endpoint.trim();
  else if (tracesEnv) {
    chosen = tracesEnv;
    exact = true;
  } else if (baseEnv) chosen = baseEnv;
  else return undefined;
  let url: URL;
  try {
    url = new URL(chosen);
  } catch {
    throw new InvalidOptionError('otlp-endpoint', `expected an http(s) URL, got "${chosen}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidOptionError('otlp-endpoint', `expected an http(s) URL, got "${chosen}"`);
  }
  if (exact || url.pathname.replace(/\/+$/, '').endsWith('/v1/traces')) return url.href;
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/traces`;
  return url.href;
}
