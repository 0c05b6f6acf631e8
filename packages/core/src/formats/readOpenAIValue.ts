import * as v from 'valibot';
import type { Token } from '../model/Token.js';
import { buildToken } from './buildToken.js';
import type { ChoiceCollector, ChoiceState } from './ChoiceCollector.js';
import { checkShape, isRecord } from './checkShape.js';
import type { ParseOptions } from './FormatParser.js';
import { readContentItems, readLegacyArrays, tokenId } from './openaiTokens.js';
import { readPromptLogprobs } from './readPromptLogprobs.js';
import { rethrowAtPath } from './rethrowAtPath.js';
import { int, nonNegativeInt, object } from './schemas.js';

// `content` and `refusal` may be anything (a string is read); the object keeps them as they came
const messageSchema = object({});
const choiceSchema = object({
  index: v.optional(nonNegativeInt()),
  text: v.nullish(v.string()),
  message: v.nullish(messageSchema),
  delta: v.nullish(messageSchema),
  finish_reason: v.nullish(v.string()),
  prompt_logprobs: v.nullish(v.array(v.unknown())),
  prompt_token_ids: v.nullish(v.array(int())),
});
const valueSchema = object({
  object: v.optional(v.string()),
  choices: v.array(choiceSchema),
  prompt_logprobs: v.nullish(v.array(v.unknown())),
  prompt_token_ids: v.nullish(v.array(int())),
});
type Choice = v.InferOutput<typeof choiceSchema>;

/** True for a value of the OpenAI family: an object with a `choices` array. */
export function hasChoices(value: unknown): value is { choices: unknown[] } & Record<string, unknown> {
  return isRecord(value) && Array.isArray(value.choices);
}

/** The first choice of an OpenAI-shaped value, when it is an object. */
export function firstChoice(value: unknown): Record<string, unknown> | undefined {
  const choice = hasChoices(value) ? value.choices[0] : undefined;
  return isRecord(choice) ? choice : undefined;
}

/**
 * Reads one value (a whole response or one chunk) of any OpenAI-shaped format into `collector`:
 * chat `message`/`delta` with `logprobs.content`/`refusal` lists, legacy `text` with parallel arrays,
 * llama.cpp `/v1/completions` content lists, Fireworks `raw_output.completion_logprobs`, Together's
 * numeric chunk `logprobs` and `prompt`, vLLM `prompt_logprobs` (top level or per choice).
 */
export function readOpenAIValue(value: unknown, collector: ChoiceCollector): void {
  const isChunk =
    isRecord(value) && (value.object === 'chat.completion.chunk' || isRecord(firstChoice(value)?.delta));
  const prefix = collector.prefix(isChunk);
  const parsed = checkShape(valueSchema, value, prefix.replace(/\.$/, ''));
  collector.meta(parsed);
  if (parsed.prompt_logprobs) {
    collector.sharedPrompt = readPromptLogprobs(
      parsed.prompt_logprobs,
      parsed.prompt_token_ids ?? undefined,
      `${prefix}prompt_logprobs`,
    );
  }
  if (Array.isArray(parsed.prompt))
    collector.sharedPrompt = readTogetherPrompt(parsed.prompt, `${prefix}prompt`);
  parsed.choices.forEach((choice, i) => {
    const state = collector.choice(choice.index ?? i);
    readChoice(choice, `${prefix}choices[${i}]`, state, collector.options.onToken);
  });
  collector.next();
}

function readChoice(
  choice: Choice,
  path: string,
  state: ChoiceState,
  onToken: ParseOptions['onToken'],
): void {
  const message = choice.message ?? choice.delta;
  const text = typeof message?.content === 'string' ? message.content : choice.text;
  if (typeof text === 'string') {
    state.text += text;
    state.hasText = true;
  }
  if (typeof message?.refusal === 'string') state.refusalText += message.refusal;
  if (choice.finish_reason) state.finishReason = choice.finish_reason;
  if (choice.prompt_logprobs) {
    state.prompt = readPromptLogprobs(
      choice.prompt_logprobs,
      choice.prompt_token_ids ?? undefined,
      `${path}.prompt_logprobs`,
    );
  }
  const lp = choice.logprobs;
  if (isRecord(lp) && Array.isArray(lp.refusal)) {
    const refusal = readContentItems(lp.refusal, `${path}.logprobs.refusal`);
    state.refusalTokens.push(...refusal);
    if (onToken) for (const token of refusal) onToken(token, state.index);
  }
  const tokens = readChoiceTokens(choice, path, message, text);
  if (tokens.length === 0) return;
  const first = state.tokens.length === 0 && !state.echo;
  if (first) {
    state.firstValueTokens = tokens.length;
    state.echo = isLegacy(choice.logprobs) && choice.logprobs.token_logprobs[0] === null && !message;
  }
  state.tokens.push(...tokens);
  if (onToken && !(first && state.echo)) for (const token of tokens) onToken(token, state.index);
}

function readChoiceTokens(
  choice: Choice,
  path: string,
  message: v.InferOutput<typeof messageSchema> | null | undefined,
  text: string | null | undefined,
): Token[] {
  const raw = isRecord(choice.raw_output) ? choice.raw_output.completion_logprobs : undefined;
  if (isRecord(raw) && Array.isArray(raw.content)) {
    return readContentItems(raw.content, `${path}.raw_output.completion_logprobs.content`);
  }
  const lp = choice.logprobs;
  if (typeof lp === 'number') {
    // Together's streamed chat chunks: the chunk's one token, its logprob as a bare number.
    const id = [message?.token_id, choice.token_id].find((v) => typeof v === 'number');
    const tokenText = text ?? '';
    const raw = { text: tokenText, value: lp, ...(typeof id === 'number' ? { id } : {}) };
    return [
      rethrowAtPath(
        () => buildToken(raw, path),
        () => `${path}.logprobs`,
      ),
    ];
  }
  if (!isRecord(lp)) return [];
  const tokens: Token[] = [];
  if (Array.isArray(lp.content)) tokens.push(...readContentItems(lp.content, `${path}.logprobs.content`));
  else if (Array.isArray(lp.tokens)) tokens.push(...readLegacyArrays(lp, `${path}.logprobs`));
  return tokens;
}

function isLegacy(lp: unknown): lp is { token_logprobs: unknown[] } {
  return isRecord(lp) && Array.isArray(lp.token_logprobs);
}

/** Together's echo: `prompt: [{text, logprobs: {tokens, token_logprobs, ...}}]`. */
function readTogetherPrompt(prompt: unknown[], path: string): Token[] | undefined {
  const tokens: Token[] = [];
  prompt.forEach((entry, i) => {
    if (isRecord(entry) && isRecord(entry.logprobs)) {
      tokens.push(...readLegacyArrays(entry.logprobs, `${path}[${i}].logprobs`));
    }
  });
  return tokens.length > 0 ? tokens : undefined;
}

/** vLLM token ids in `token_id:123` form, exposed for detection. */
export function hasTokenIdTokens(value: unknown): boolean {
  const lp = firstChoice(value)?.logprobs;
  if (!isRecord(lp)) return false;
  const first = Array.isArray(lp.content)
    ? (lp.content[0] as { token?: unknown } | undefined)?.token
    : undefined;
  const legacy = Array.isArray(lp.tokens) ? lp.tokens[0] : undefined;
  return [first, legacy].some((t) => typeof t === 'string' && tokenId(t) !== undefined);
}
