import { randomUUID } from 'node:crypto';
import type { GenerateResult } from '@tokenscope/local';
import type { Context } from 'hono';
import { ApiError } from '../ApiError.js';
import { type AppContext, keepsLogprobs, nowSeconds } from '../AppContext.js';
import { checkChatLength, runMessages, tokenscopeField } from '../chatCompletions.js';
import { toChatLogprob } from '../chatLogprobs.js';
import { type ConstraintFields, constraintChoiceField, reportedToken } from '../constraintFields.js';
import { parseBody } from '../parseBody.js';
import { datasetOf } from '../recordServed.js';
import { reportServed } from '../reportServed.js';
import { runChoices } from '../runChoices.js';
import { checkTopLogprobs, toGenerateRequest } from '../toGenerateRequest.js';
import {
  messageItem,
  outputText,
  responseBase,
  responseObject,
  responseUsage,
  statusOf,
} from './responseObject.js';
import { LOGPROBS_INCLUDE, responseRequestSchema, type TextFormat } from './responseRequestSchema.js';
import { streamResponse } from './streamResponse.js';
import { toResponseMessages } from './toResponseMessages.js';

/** `text.format` as chat's `response_format`, which the constraint code reads. */
function toResponseFormat(format: TextFormat | null | undefined): ConstraintFields['response_format'] {
  if (format?.type === 'json_schema') return { type: 'json_schema', json_schema: { schema: format.schema } };
  if (format?.type === 'json_object') return { type: 'json_object' };
  return undefined;
}

/**
 * `POST /v1/responses`: OpenAI's Responses API (text in, one assistant message out), whole or
 * streamed, with the output text's logprobs when `include` asks for them. It runs the chat path:
 * the same chat template, engine call and logprob entries as `/v1/chat/completions`.
 */
export async function responses(c: Context, app: AppContext): Promise<Response> {
  const body = await parseBody(c, responseRequestSchema);
  const messages = toResponseMessages(body);
  const engine = await app.registry.get(body.model);
  const logprobs = body.include?.includes(LOGPROBS_INCLUDE) === true;
  const topLogprobs = checkTopLogprobs(body.top_logprobs ?? 0, 'top_logprobs', engine, body);
  const format = body.text?.format;
  if (body.tokenscope?.constraint !== undefined && format != null && format.type !== 'text') {
    throw ApiError.invalid(
      'text.format',
      'Invalid \'text.format\': send either a JSON "text.format" or "tokenscope": {"constraint": ...}, not both',
    );
  }
  const dataset = datasetOf(c); // checked before anything runs
  await checkChatLength(engine, messages, 'input');

  const request = toGenerateRequest({ ...body, response_format: toResponseFormat(format) }, { messages });
  if (body.max_output_tokens != null) request.maxTokens = body.max_output_tokens;
  request.logprobs = logprobs || keepsLogprobs(app); // a recorded or traced answer keeps its logprobs
  request.topLogprobs = topLogprobs;
  const base = responseBase(body, `resp_${hex()}`, engine.info.id, nowSeconds());
  const messageId = `msg_${hex()}`;
  const signal = c.req.raw.signal;
  const distribution = request.distribution ?? 'raw';

  const record = (results: readonly GenerateResult[]) =>
    reportServed(c, app, {
      operation: 'chat',
      body,
      requestedModel: body.model,
      dataset,
      prompt: { kind: 'chat', messages: runMessages(messages) },
      request,
      id: base.id,
      results,
      info: engine.info,
    });
  /** The `tokenscope` extension of a finished answer: distribution, chat template, constraint. */
  const extension = (result: GenerateResult) => ({
    ...tokenscopeField(result, distribution),
    ...constraintChoiceField(result, result.tokens, logprobs).tokenscope,
  });

  if (body.stream === true) {
    return streamResponse(signal, { engine, request, base, messageId, logprobs, extension, record });
  }
  const [result] = await runChoices(engine, request, { n: 1, signal });
  if (!result) throw new Error('the engine gave no result');
  record([result]);
  const status = statusOf(result);
  const items = logprobs ? result.tokens.map((t) => toChatLogprob(reportedToken(t))) : [];
  return c.json(
    responseObject(base, {
      status,
      output: [messageItem(messageId, status, [outputText(result.text, items)])],
      usage: responseUsage(result),
      tokenscope: extension(result),
    }),
  );
}

function hex(): string {
  return randomUUID().replaceAll('-', '');
}
