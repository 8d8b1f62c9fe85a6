/**
 * The messages a chat-only API gets for a request. Remote chat APIs apply their own template, so
 * a raw continuation prompt (inline completions) is sent as one user message, as the
 * GenerationRequest contract asks of providers that only take chat messages.
 */
import type { GenerationRequest, PromptMessage } from '../provider';

export function chatMessages(request: GenerationRequest): PromptMessage[] {
  if (request.rawPrompt === undefined) return request.messages;
  return [...request.messages, { role: 'user', content: [{ type: 'text', text: request.rawPrompt }] }];
}
