import type { ChatMessage } from '@tokenscope/local';
import { z } from 'zod';
import { issueToApiError } from '../parseBody.js';
import { inputItemSchema, type ResponseRequest } from './responseRequestSchema.js';

const inputSchema = z.object({ input: z.array(inputItemSchema) });

/**
 * The chat messages of a Responses API request: `instructions` as the system message, then `input`
 * (a string is one user message; a list of messages keeps its roles). A bad item is a 400 naming it
 * (`input[1].content`).
 */
export function toResponseMessages(body: Pick<ResponseRequest, 'input' | 'instructions'>): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (body.instructions != null && body.instructions !== '') {
    messages.push({ role: 'system', content: body.instructions });
  }
  if (typeof body.input === 'string') {
    messages.push({ role: 'user', content: body.input });
    return messages;
  }
  const parsed = inputSchema.safeParse({ input: body.input });
  if (!parsed.success) throw issueToApiError(parsed.error, { input: body.input });
  for (const item of parsed.data.input) {
    const content =
      typeof item.content === 'string' ? item.content : item.content.map((p) => p.text).join('');
    messages.push({ role: item.role, content });
  }
  return messages;
}
