import { aiSdk } from './aiSdk.js';
import type { FormatParser } from './FormatParser.js';
import { fireworks } from './fireworks.js';
import { gemini } from './gemini.js';
import { langchain } from './langchain.js';
import { llamacppCompletion } from './llamacppCompletion.js';
import { llamacppV1Completions } from './llamacppV1Completions.js';
import { logits } from './logits.js';
import { ollama } from './ollama.js';
import { openaiChat } from './openaiChat.js';
import { openaiCompletions } from './openaiCompletions.js';
import { openaiResponses } from './openaiResponses.js';
import { sglang } from './sglang.js';
import { tgi } from './tgi.js';
import { together } from './together.js';
import { vllm } from './vllm.js';

/**
 * Every format parser, in detection order: a format that extends another (vLLM's extra fields on the
 * OpenAI shapes, DeepSeek's escaped bytes) comes before the general one.
 */
export const FORMAT_PARSERS: readonly FormatParser[] = [
  // What the SDKs hand their users (results, messages, stream parts), before the wire formats.
  aiSdk,
  langchain,
  // Shapes of their own (no `choices`).
  llamacppCompletion,
  ollama,
  tgi,
  gemini,
  sglang,
  logits,
  // OpenAI family: specific servers first, the general OpenAI shapes last.
  vllm,
  together,
  fireworks,
  llamacppV1Completions,
  openaiResponses,
  openaiCompletions,
  openaiChat,
];
