#!/usr/bin/env node
/**
 * A test upstream in front of an OpenAI-compatible server (e.g. `tokenscope serve`) that behaves like
 * the endpoints Tokenscope must fall back on: it forwards every request unchanged, except
 *
 *   --mode refuse   a request asking for logprobs (chat `logprobs`/`top_logprobs`, legacy
 *                   `logprobs`/`echo`, Responses `include: [...logprobs]`) gets OpenAI's 400 for
 *                   reasoning models, `param: "logprobs"`;
 *   --mode drop     the logprob parameters are removed before forwarding, so the answer silently
 *                   has none (as LM Studio and some gateways do);
 *   --mode pass     everything is forwarded as it is;
 *   --refuse-temperature   besides, a request with a `temperature` other than 1 gets OpenAI's 400
 *                   for reasoning models ("Only the default (1) value is supported");
 *   --refuse-max-tokens    besides, a request with `max_tokens` gets OpenAI's 400 for reasoning
 *                   models ("Use 'max_completion_tokens' instead").
 *
 * Usage: node scripts/logprobsRefusingUpstream.mjs --upstream http://127.0.0.1:8080/v1 --mode refuse
 * [--port 0] [--refuse-temperature]. It prints `listening <base URL with /v1>` on stdout when ready,
 * and one line per request received (`POST /v1/chat/completions logprobs=yes temperature=0.7`).
 * Stop it by its pid (SIGTERM).
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    upstream: { type: 'string' },
    mode: { type: 'string', default: 'refuse' },
    port: { type: 'string', default: '0' },
    'refuse-temperature': { type: 'boolean', default: false },
    'refuse-max-tokens': { type: 'boolean', default: false },
  },
});
if (!values.upstream || !['refuse', 'drop', 'pass'].includes(values.mode)) {
  process.stderr.write(
    'usage: logprobsRefusingUpstream.mjs --upstream URL [--mode refuse|drop|pass] [--port N] [--refuse-temperature]\n',
  );
  process.exit(2);
}
const upstream = values.upstream.replace(/\/+$/, '').replace(/\/v1$/, '');

const LOGPROBS_REFUSAL = {
  error: {
    message: "Invalid parameter: 'logprobs' is not supported with this model.",
    type: 'invalid_request_error',
    param: 'logprobs',
    code: null,
  },
};
const TEMPERATURE_REFUSAL = (t) => ({
  error: {
    message: `Unsupported value: 'temperature' does not support ${t} with this model. Only the default (1) value is supported.`,
    type: 'invalid_request_error',
    param: 'temperature',
    code: 'unsupported_value',
  },
});

const MAX_TOKENS_REFUSAL = {
  error: {
    message:
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
    type: 'invalid_request_error',
    param: 'max_tokens',
    code: 'unsupported_parameter',
  },
};

/** Whether a request body asks for logprobs, in any OpenAI dialect. */
function asksLogprobs(body) {
  if (body.logprobs !== undefined && body.logprobs !== false && body.logprobs !== null) return true;
  if (body.top_logprobs !== undefined || body.echo === true || body.prompt_logprobs !== undefined)
    return true;
  return Array.isArray(body.include) && body.include.some((x) => String(x).includes('logprobs'));
}

function withoutLogprobs(body) {
  const { logprobs: _a, top_logprobs: _b, echo: _c, prompt_logprobs: _d, ...rest } = body;
  if (Array.isArray(rest.include)) rest.include = rest.include.filter((x) => !String(x).includes('logprobs'));
  return rest;
}

function send(res, status, value) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

const server = createServer(async (req, res) => {
  let text = '';
  for await (const chunk of req) text += chunk;
  let body;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
  const logprobs = isObject && asksLogprobs(body);
  process.stdout.write(
    `${req.method} ${req.url} logprobs=${logprobs ? 'yes' : 'no'} temperature=${isObject ? body.temperature : ''}${isObject && body.max_completion_tokens !== undefined ? ` max_completion_tokens=${body.max_completion_tokens}` : ''}\n`,
  );
  if (isObject && values['refuse-max-tokens'] && body.max_tokens !== undefined) {
    return send(res, 400, MAX_TOKENS_REFUSAL);
  }
  if (isObject && values['refuse-temperature'] && body.temperature !== undefined && body.temperature !== 1) {
    return send(res, 400, TEMPERATURE_REFUSAL(body.temperature));
  }
  if (logprobs && values.mode === 'refuse') return send(res, 400, LOGPROBS_REFUSAL);
  const forwarded = logprobs && values.mode === 'drop' ? JSON.stringify(withoutLogprobs(body)) : text;
  const headers = {};
  for (const name of ['content-type', 'authorization', 'accept']) {
    if (req.headers[name] !== undefined) headers[name] = req.headers[name];
  }
  try {
    const answer = await fetch(`${upstream}${req.url}`, {
      method: req.method,
      headers,
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: forwarded }),
    });
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/octet-stream',
    });
    if (answer.body) for await (const chunk of answer.body) res.write(chunk);
    res.end();
  } catch (error) {
    send(res, 502, { error: { message: `upstream unreachable: ${error.message}`, type: 'server_error' } });
  }
});

server.listen(Number(values.port), '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${server.address().port}/v1\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
