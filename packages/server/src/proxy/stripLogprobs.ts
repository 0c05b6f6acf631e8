import { isRecord } from '@tokenscope/core';
import type { LogprobsPlan } from './planLogprobs.js';

/** A response value (whole, or one stream event) after `stripLogprobs`. */
export interface Stripped {
  /** Something was taken out (the value must be written again). */
  changed: boolean;
  /**
   * A stream event that, once stripped, carries nothing the client would have been sent: a chunk that
   * only existed for its logprobs (an empty text piece of a character split across tokens, which a
   * server without logprobs does not send). The proxy drops it.
   */
  empty: boolean;
}

type Json = Record<string, unknown>;

/** Each item's `top_logprobs` cut to the first k (servers list them most likely first). */
function trimItems(items: unknown, k: number): boolean {
  if (!Array.isArray(items)) return false;
  let changed = false;
  for (const item of items) {
    if (isRecord(item) && Array.isArray(item.top_logprobs) && item.top_logprobs.length > k) {
      item.top_logprobs = item.top_logprobs.slice(0, k);
      changed = true;
    }
  }
  return changed;
}

/** Chat chunks and whole chat / legacy completions: `choices[i].logprobs`. */
function stripChoices(value: Json, plan: LogprobsPlan, inStream: boolean): Stripped {
  const choices = value.choices;
  if (!Array.isArray(choices)) return { changed: false, empty: false };
  let changed = false;
  let allEmpty = choices.length > 0;
  for (const choice of choices) {
    if (!isRecord(choice)) {
      allEmpty = false;
      continue;
    }
    if (plan.strip === 'all') {
      const had = choice.logprobs != null;
      if (had) {
        choice.logprobs = null;
        changed = true;
      }
      allEmpty &&= had && choice.finish_reason == null && carriesNoText(choice);
    } else if (typeof plan.strip === 'number' && isRecord(choice.logprobs)) {
      const lp = choice.logprobs;
      const k = plan.strip;
      if (trimItems(lp.content, k)) changed = true;
      if (trimItems(lp.refusal, k)) changed = true;
      allEmpty = false;
    } else {
      allEmpty = false;
    }
  }
  return { changed, empty: inStream && allEmpty && value.usage == null };
}

/** A streamed choice whose text piece is empty and which says nothing else. */
function carriesNoText(choice: Json): boolean {
  if ('delta' in choice) {
    const delta = choice.delta;
    return isRecord(delta) && Object.entries(delta).every(([key, v]) => key === 'content' && v === '');
  }
  return choice.text === '';
}

/** Responses: every `output_text` part, text delta / done event, and the echoed `top_logprobs`. */
function stripResponses(value: unknown, plan: LogprobsPlan, inStream: boolean): Stripped {
  let changed = false;
  const fix = (holder: Json) => {
    const items = holder.logprobs;
    if (!Array.isArray(items)) return;
    if (plan.strip === 'all') {
      if (items.length > 0) {
        holder.logprobs = [];
        changed = true;
      }
    } else if (typeof plan.strip === 'number' && trimItems(items, plan.strip)) {
      changed = true;
    }
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!isRecord(node)) return;
    const type = node.type;
    if (
      type === 'output_text' ||
      type === 'response.output_text.delta' ||
      type === 'response.output_text.done'
    ) {
      fix(node);
    }
    if (node.object === 'response' && typeof node.top_logprobs === 'number') {
      if (node.top_logprobs !== plan.clientTopLogprobs) {
        node.top_logprobs = plan.clientTopLogprobs;
        changed = true;
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'logprobs' && typeof child === 'object' && child !== null) walk(child);
    }
  };
  const hadLogprobs = isRecord(value) && Array.isArray(value.logprobs) && value.logprobs.length > 0;
  walk(value);
  const empty =
    inStream &&
    plan.strip === 'all' &&
    hadLogprobs &&
    isRecord(value) &&
    value.type === 'response.output_text.delta' &&
    value.delta === '';
  return { changed, empty };
}

/**
 * Takes out of a parsed response (whole, or one stream event) what the client did not ask for, in
 * place: logprobs it did not request (set to what a server sends without them: `null` for chat and
 * completions choices, `[]` for Responses' `output_text`), and alternatives beyond its own `top_logprobs`.
 */
export function stripLogprobs(plan: LogprobsPlan, value: unknown, inStream: boolean): Stripped {
  if (plan.strip === 'none') return { changed: false, empty: false };
  if (plan.kind === 'responses') return stripResponses(value, plan, inStream);
  return isRecord(value) ? stripChoices(value, plan, inStream) : { changed: false, empty: false };
}
