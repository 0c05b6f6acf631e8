import {
  type ChatHistoryItem,
  type ChatWrapper,
  type LlamaModel,
  LlamaText,
  resolveChatWrapper,
  SpecialTokensText,
} from 'node-llama-cpp';
import type { ChatMessage } from '../Engine.js';

/** Chat messages rendered into the prompt the model reads. */
export interface FormattedChat {
  /** The prompt's token ids (with BOS where the model or template puts one). */
  tokens: number[];
  /** The prompt as text (special tokens written out). */
  text: string;
  /** Strings that end the assistant's turn, besides end-of-generation tokens. */
  stops: string[];
  template: 'model' | 'fallback';
}

/** How the fallback template names each role. */
const FALLBACK_ROLES: Record<ChatMessage['role'], string> = {
  system: 'System',
  developer: 'System',
  user: 'User',
  tool: 'Tool',
  assistant: 'Assistant',
};

/**
 * The fallback chat template, for models without one of their own (base models):
 *
 * ```
 * System: {content}
 * User: {content}
 * Assistant: {content}
 * User: {content}
 * Assistant:
 * ```
 *
 * One line per message, `Role: content`; `developer` reads as System. It ends with `Assistant:` for
 * the model to answer, or, when the last message is the assistant's, with that message left open so
 * the model continues it. Generation stops at a new `User:`, `System:` or `Tool:` line. Plain text,
 * without `#` or other characters small vocabularies may lack.
 */
export function fallbackChatPrompt(messages: readonly ChatMessage[]): { text: string; stops: string[] } {
  const lines = messages.map((m) => `${FALLBACK_ROLES[m.role]}: ${m.content}`);
  const continues = messages.at(-1)?.role === 'assistant';
  const text = continues ? lines.join('\n') : [...lines, 'Assistant:'].join('\n');
  return { text, stops: ['\nUser:', '\nSystem:', '\nTool:'] };
}

/**
 * Formats chat messages with the model's own chat template when the GGUF has one
 * (`tokenizer.chat_template`, through node-llama-cpp's `resolveChatWrapper`, which uses the Jinja
 * template or an equivalent built-in wrapper), else with `fallbackChatPrompt`. `wrapper` overrides
 * the model's (for tests).
 */
export function formatChat(
  model: LlamaModel,
  messages: readonly ChatMessage[],
  options: { hasTemplate: boolean; bos: number | null; wrapper?: ChatWrapper },
): FormattedChat {
  const wrapper =
    options.wrapper ?? (options.hasTemplate ? resolveChatWrapper(model, { warningLogs: false }) : undefined);
  if (wrapper === undefined) {
    const { text, stops } = fallbackChatPrompt(messages);
    const tokens: number[] = model.tokenize(text, false);
    if (options.bos !== null && tokens[0] !== options.bos) tokens.unshift(options.bos);
    return { tokens, text, stops, template: 'fallback' };
  }
  const history: ChatHistoryItem[] = messages.map(toHistoryItem);
  if (messages.at(-1)?.role !== 'assistant') history.push({ type: 'model', response: [] });
  const state = wrapper.generateContextState({ chatHistory: history });
  const tokens: number[] = state.contextText.tokenize(model.tokenizer);
  const stops = state.stopGenerationTriggers.map(triggerText).filter((s): s is string => s !== null);
  return { tokens, text: LlamaText(state.contextText).toString(), stops, template: 'model' };
}

/**
 * A stop trigger as text, when it can appear in generated text: plain strings and special-token text
 * (`<|im_end|>`, which a model whose vocabulary lacks it writes out). Null for triggers that hold a
 * built-in special token (EOS): end-of-generation tokens end generation anyway.
 */
function triggerText(trigger: LlamaText): string | null {
  let text = '';
  for (const value of trigger.values) {
    if (typeof value === 'string') text += value;
    else if (value instanceof SpecialTokensText) text += value.value;
    else return null;
  }
  return text.length > 0 ? text : null;
}

function toHistoryItem(message: ChatMessage): ChatHistoryItem {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { type: 'system', text: message.content };
    case 'assistant':
      return { type: 'model', response: [message.content] };
    default:
      return { type: 'user', text: message.content };
  }
}
