/** History search: every word of the query must appear in the title or in some message (case-insensitive). */
import type { Conversation, ConversationSummary } from '../../../webview/chat/protocol/chatProtocol';

export function summarize(conversation: Conversation): ConversationSummary {
  return { id: conversation.id, title: conversation.title || 'New chat', updatedAt: conversation.updatedAt, entryCount: conversation.entries.length };
}

export function matchesQuery(conversation: Conversation, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [conversation.title, ...conversation.entries.map((entry) => entry.text)].join('\n').toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** Most recently updated first. */
export function byRecency(a: { updatedAt: number }, b: { updatedAt: number }): number {
  return b.updatedAt - a.updatedAt;
}
