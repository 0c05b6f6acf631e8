import { randomUUID } from 'node:crypto';
import type { Token } from '@tokenscope/core';
import type { Engine, GenerateResult } from '@tokenscope/local';
import type { Context } from 'hono';
import { type AppContext, keepsLogprobs, nowSeconds } from './AppContext.js';
import { constraintChoiceField, rawLogprobs, reportedToken } from './constraintFields.js';
import { type LegacyLogprobs, LegacyLogprobsBuilder } from './legacyLogprobs.js';
import { parseBody } from './parseBody.js';
import { datasetOf } from './recordServed.js';
import { reportServed } from './reportServed.js';
import { runChoices } from './runChoices.js';
import { completionRequestSchema } from './schemas/completionRequestSchema.js';
import { sseResponse } from './sseResponse.js';
import {
  checkContextLength,
  checkMinTokens,
  checkTopLogprobs,
  toGenerateRequest,
} from './toGenerateRequest.js';
import { usageOf } from './usageOf.js';
import { withoutAddedSpace } from './withoutAddedSpace.js';

/** OpenAI's default `max_tokens` for legacy completions. */
const DEFAULT_MAX_TOKENS = 16;

function concat(parts: LegacyLogprobs[]): LegacyLogprobs {
  return {
    tokens: parts.flatMap((p) => p.tokens),
    token_logprobs: parts.flatMap((p) => p.token_logprobs),
    top_logprobs: parts.flatMap((p) => p.top_logprobs),
    text_offset: parts.flatMap((p) => p.text_offset),
  };
}

/** `POST /v1/completions`: OpenAI's legacy Completions (parallel logprob arrays, `echo`), whole or streamed. */
export async function completions(c: Context, app: AppContext): Promise<Response> {
  const body = await parseBody(c, completionRequestSchema);
  const engine = await app.registry.get(body.model);
  const prompt = typeof body.prompt === 'string' ? body.prompt : (body.prompt[0] ?? '');
  const logprobs = body.logprobs != null;
  const topLogprobs = checkTopLogprobs(body.logprobs ?? 0, 'logprobs', engine, body);
  const echo = body.echo === true;
  const dataset = datasetOf(c); // checked before anything runs
  const promptTokens = (await engine.tokenize(prompt)).length;
  checkContextLength(engine, promptTokens, 'prompt');

  const request = toGenerateRequest(body, prompt);
  request.maxTokens = Math.min(body.max_tokens ?? DEFAULT_MAX_TOKENS, engine.info.contextSize - promptTokens);
  checkMinTokens(request, 'max_tokens');
  request.logprobs = logprobs || keepsLogprobs(app); // a recorded or traced answer keeps its logprobs
  request.topLogprobs = topLogprobs;
  const n = body.n ?? 1;
  const seed = body.seed ?? undefined;
  const base = {
    id: `cmpl-${randomUUID().replaceAll('-', '')}`,
    object: 'text_completion',
    created: nowSeconds(),
    model: engine.info.id,
    system_fingerprint: app.fingerprint,
  };
  const signal = c.req.raw.signal;
  const distribution = request.distribution ?? 'raw';

  const record = (results: readonly GenerateResult[]) =>
    reportServed(c, app, {
      operation: 'text_completion',
      body,
      requestedModel: body.model,
      dataset,
      prompt: { kind: 'text', text: prompt },
      request,
      id: base.id,
      results,
      info: engine.info,
    });

  if (body.stream !== true) {
    if (echo && logprobs) request.echo = true;
    const results = await runChoices(engine, request, { n, seed, signal });
    record(results);
    return c.json({
      ...base,
      choices: results.map((r, index) => {
        let lp: LegacyLogprobs | null = null;
        if (logprobs) {
          const builder = new LegacyLogprobsBuilder();
          const parts = echo ? [builder.add(withoutAddedSpace(r.prompt ?? [], prompt), true).logprobs] : [];
          parts.push(builder.add(r.tokens.map(reportedToken)).logprobs);
          lp = concat(parts);
        }
        return {
          text: echo ? prompt + r.text : r.text,
          index,
          logprobs: lp,
          finish_reason: r.finishReason,
          ...constraintChoiceField(r, r.tokens, logprobs),
        };
      }),
      usage: usageOf(results),
      tokenscope: { distribution: results[0]?.distribution ?? distribution },
    });
  }

  const includeUsage = body.stream_options?.include_usage === true;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
    ...base,
    choices,
    ...(includeUsage && { usage: null }),
    ...extra,
  });
  return sseResponse(signal, async (send, streamSignal) => {
    // The echoed prompt leads the stream (its tokens scored first): OpenAI's legacy echo.
    const echoed = echo && logprobs ? await echoTokens(engine, prompt, topLogprobs, streamSignal) : [];
    const builders = Array.from({ length: n }, () => new LegacyLogprobsBuilder());
    const streamed = Array.from({ length: n }, () => '');
    if (echo) {
      for (let index = 0; index < n; index++) {
        const part = builders[index]!.add(echoed, true);
        builders[index]!.offset = [...prompt].length;
        send(
          chunk([{ text: prompt, index, logprobs: logprobs ? part.logprobs : null, finish_reason: null }]),
        );
      }
    }
    const results = await runChoices(engine, request, {
      n,
      seed,
      signal: streamSignal,
      onToken(index, token) {
        const part = builders[index]!.add([reportedToken(token)]);
        streamed[index] += part.text;
        if (!logprobs && part.text === '') return;
        const raw = logprobs && token.constrained && { tokenscope: { raw_logprobs: rawLogprobs([token]) } };
        send(
          chunk([
            {
              text: part.text,
              index,
              logprobs: logprobs ? part.logprobs : null,
              finish_reason: null,
              ...raw,
            },
          ]),
        );
      },
    });
    record(results);
    results.forEach((r, index) => {
      let rest = builders[index]!.flush();
      const sent = streamed[index]! + rest;
      if (r.text.length > sent.length && r.text.startsWith(sent)) rest += r.text.slice(sent.length);
      send(
        chunk(
          [
            {
              text: rest,
              index,
              logprobs: null,
              finish_reason: r.finishReason,
              ...constraintChoiceField(r, [], false),
            },
          ],
          {
            tokenscope: { distribution: r.distribution },
          },
        ),
      );
    });
    if (includeUsage) send({ ...chunk([]), usage: usageOf(results) });
  });
}

/**
 * The prompt's tokens with logprobs for a streamed echo, which must lead the stream before any token
 * is generated: scored first (`engine.score`), with the control tokens the engine puts before the text
 * (BOS, no text, no logprob) added back so that they match the whole response's echo and
 * `usage.prompt_tokens`.
 */
async function echoTokens(
  engine: Engine,
  prompt: string,
  topLogprobs: number,
  signal: AbortSignal,
): Promise<Token[]> {
  const [scored, ids] = await Promise.all([
    engine.score(prompt, { topLogprobs, signal }),
    engine.tokenize(prompt),
  ]);
  const lead: Token[] = Array.from({ length: Math.max(0, ids.length - scored.tokens.length) }, (_, i) => ({
    text: '',
    bytes: [],
    logprob: null,
    top: [],
    id: ids[i]!,
    special: true,
  }));
  const tokens = withoutAddedSpace([...lead, ...scored.tokens], prompt);
  const first = tokens[0];
  if (first && first.logprob !== null) tokens[0] = { ...first, logprob: null, top: [] };
  return tokens;
}
