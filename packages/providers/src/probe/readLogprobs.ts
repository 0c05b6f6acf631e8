/**
 * Loose readers of the logprob parts of OpenAI-compatible answers: the probe only needs to know
 * whether logprobs came and a few of their values, whatever else a server adds or leaves out.
 */

/** A token and its logprob. */
export interface ProbeToken {
  token: string;
  logprob: number;
}

/** The first generated position: the chosen token and the alternatives listed. */
export interface FirstPosition {
  chosen: ProbeToken;
  top: ProbeToken[];
}

import { isRecord } from '@tokenscope/core';

type Json = Record<string, unknown>;

function record(value: unknown): Json | undefined {
  return isRecord(value) ? value : undefined;
}

function firstChoice(json: unknown): Json | undefined {
  const choices = record(json)?.choices;
  return Array.isArray(choices) ? record(choices[0]) : undefined;
}

function probeToken(value: unknown): ProbeToken | undefined {
  const item = record(value);
  return typeof item?.token === 'string' && typeof item.logprob === 'number'
    ? { token: item.token, logprob: item.logprob }
    : undefined;
}

/** Chat `choices[0].logprobs.content` (or a stream chunk's), or null when there are none. */
export function chatItems(json: unknown): Json[] | null {
  const content = record(firstChoice(json)?.logprobs)?.content;
  if (!Array.isArray(content) || content.length === 0) return null;
  return content.map((item) => record(item) ?? {});
}

/** How many of the items carry a `bytes` array. */
export function itemsWithBytes(items: readonly Json[]): number {
  return items.filter((item) => Array.isArray(item.bytes)).length;
}

/** The largest number of `top_logprobs` alternatives an item carries. */
export function mostAlternatives(items: readonly Json[]): number {
  return Math.max(
    0,
    ...items.map((item) => (Array.isArray(item.top_logprobs) ? item.top_logprobs.length : 0)),
  );
}

/** How many logprob items a chat stream's chunks carry in `choices[].logprobs.content`. */
export function streamItemCount(events: readonly unknown[]): number {
  return events.reduce<number>((sum, event) => sum + (chatItems(event)?.length ?? 0), 0);
}

/**
 * The token texts of a legacy completion's `logprobs`: OpenAI's parallel arrays, or llama.cpp's
 * `/v1/completions` `{content: [...]}`; null when there are none.
 */
export function completionTokens(json: unknown): string[] | null {
  const logprobs = record(firstChoice(json)?.logprobs);
  if (
    Array.isArray(logprobs?.tokens) &&
    Array.isArray(logprobs.token_logprobs) &&
    logprobs.tokens.length > 0
  ) {
    return logprobs.tokens.map(String);
  }
  if (Array.isArray(logprobs?.content) && logprobs.content.length > 0) {
    return logprobs.content.map((item) => String(record(item)?.token ?? ''));
  }
  return null;
}

/** The text of the first choice (`text`, or chat's `message.content`). */
export function choiceText(json: unknown): string {
  const choice = firstChoice(json);
  const text = choice?.text ?? record(choice?.message)?.content;
  return typeof text === 'string' ? text : '';
}

/** vLLM's `prompt_logprobs` (top level for chat, per choice for completions); null when absent. */
export function promptLogprobs(json: unknown): unknown[] | null {
  const found = record(json)?.prompt_logprobs ?? firstChoice(json)?.prompt_logprobs;
  return Array.isArray(found) && found.length > 0 ? found : null;
}

/** The Responses API's `output[].content[type=output_text].logprobs` items; null when there are none. */
export function responsesItems(json: unknown): unknown[] | null {
  const output = record(json)?.output;
  if (!Array.isArray(output)) return null;
  const items: unknown[] = [];
  for (const entry of output) {
    const content = record(entry)?.content;
    if (!Array.isArray(content)) continue;
    for (const part of content) {
      const logprobs = record(part)?.logprobs;
      if (Array.isArray(logprobs)) items.push(...logprobs);
    }
  }
  return items.length > 0 ? items : null;
}

/** The first position of a chat answer or of a legacy completion; undefined when there is none. */
export function firstPosition(json: unknown): FirstPosition | undefined {
  const items = chatItems(json);
  if (items !== null) {
    const chosen = probeToken(items[0]);
    if (chosen === undefined) return undefined;
    const alternatives = Array.isArray(items[0]?.top_logprobs) ? items[0].top_logprobs : [];
    const top = alternatives.map(probeToken).filter((t): t is ProbeToken => t !== undefined);
    return { chosen, top };
  }
  const logprobs = record(firstChoice(json)?.logprobs);
  const token = Array.isArray(logprobs?.tokens) ? logprobs.tokens[0] : undefined;
  const logprob = Array.isArray(logprobs?.token_logprobs) ? logprobs.token_logprobs[0] : undefined;
  if (typeof token !== 'string' || typeof logprob !== 'number') return undefined;
  const map = Array.isArray(logprobs?.top_logprobs) ? record(logprobs.top_logprobs[0]) : undefined;
  const top = Object.entries(map ?? {})
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([t, lp]) => ({ token: t, logprob: lp }));
  return { chosen: { token, logprob }, top };
}
