import type { Token, TopAlternative } from '@tokenscope/core';
import { jsonLogprob } from './tokenText.js';

/** One `{token, logprob, bytes}` entry as OpenAI sends it. */
export interface ChatTopLogprob {
  token: string;
  logprob: number;
  bytes: number[] | null;
}

/** One `logprobs.content` entry of OpenAI's Chat Completions. */
export interface ChatTokenLogprob extends ChatTopLogprob {
  top_logprobs: ChatTopLogprob[];
}

function bytesOf(item: Pick<Token | TopAlternative, 'text' | 'bytes'>): number[] {
  return item.bytes ?? [...Buffer.from(item.text, 'utf8')];
}

/**
 * A token in OpenAI's Chat Completions shape: `token` is its decoded piece (U+FFFD where it holds part
 * of a character), `bytes` its real UTF-8 bytes, `top_logprobs` its alternatives, highest first.
 */
export function toChatLogprob(token: Token): ChatTokenLogprob {
  return {
    token: token.rawText ?? token.text,
    logprob: jsonLogprob(token.logprob),
    bytes: bytesOf(token),
    top_logprobs: token.top.map((alt) => ({
      token: alt.text,
      logprob: jsonLogprob(alt.logprob),
      bytes: bytesOf(alt),
    })),
  };
}
