/**
 * The changes a conversation goes through, as pure functions: each returns the new conversation
 * and `from`, the first entry index that changed, which is what the view is sent again.
 */
import type { AssistantEntry, ChatEntry, Conversation, UserEntry } from '../../../webview/chat/protocol/chatProtocol';

export interface Edited {
  conversation: Conversation;
  /** Entries from here on are new or changed. */
  from: number;
}

/** Titles longer than this are cut at a word boundary with an ellipsis. */
const TITLE_LENGTH = 60;

export function newConversation(now: number, id: string = crypto.randomUUID()): Conversation {
  return { id, title: '', createdAt: now, updatedAt: now, entries: [] };
}

/** A streaming reply with nothing in it yet. */
export function pendingReply(model: string, id: string = crypto.randomUUID()): AssistantEntry {
  return { id, role: 'assistant', text: '', status: 'streaming', model };
}

/** The user's message and the reply that will answer it, at the end; the first message names the conversation. */
export function appendExchange(conversation: Conversation, user: UserEntry, reply: AssistantEntry, now: number): Edited {
  const title = conversation.title || titleFrom(user);
  return {
    conversation: { ...conversation, title, updatedAt: now, entries: [...conversation.entries, user, reply] },
    from: conversation.entries.length,
  };
}

/** Drops the reply `replyId` and everything after it, and puts a fresh pending reply in its place. */
export function regenerate(conversation: Conversation, replyId: string, reply: AssistantEntry, now: number): Edited | undefined {
  const index = conversation.entries.findIndex((entry) => entry.id === replyId);
  if (index < 0 || conversation.entries[index]!.role !== 'assistant') return undefined;
  return {
    conversation: { ...conversation, updatedAt: now, entries: [...conversation.entries.slice(0, index), reply] },
    from: index,
  };
}

/** Gives the user message `userId` new text, drops everything after it, and adds a fresh pending reply. */
export function editAndResend(conversation: Conversation, userId: string, text: string, reply: AssistantEntry, now: number): Edited | undefined {
  const index = conversation.entries.findIndex((entry) => entry.id === userId);
  const user = conversation.entries[index];
  if (!user || user.role !== 'user') return undefined;
  return {
    conversation: { ...conversation, updatedAt: now, entries: [...conversation.entries.slice(0, index), { ...user, text }, reply] },
    from: index,
  };
}

/**
 * Removes one entry. A user message goes together with the reply that answers it: a reply
 * without its question would mislead the model on the next turn.
 */
export function deleteEntry(conversation: Conversation, entryId: string, now: number): Edited | undefined {
  const index = conversation.entries.findIndex((entry) => entry.id === entryId);
  if (index < 0) return undefined;
  const answeredBy = conversation.entries[index + 1];
  const count = conversation.entries[index]!.role === 'user' && answeredBy?.role === 'assistant' ? 2 : 1;
  const entries = [...conversation.entries];
  entries.splice(index, count);
  return { conversation: { ...conversation, updatedAt: now, entries }, from: index };
}

/** Replaces the entry with the same id (a reply that ended), leaving the others as they are. */
export function replaceEntry(conversation: Conversation, entry: ChatEntry, now: number): Conversation {
  return { ...conversation, updatedAt: now, entries: conversation.entries.map((old) => (old.id === entry.id ? entry : old)) };
}

/** A streaming reply's text so far grows by `delta`; kept so that a view shown again mid-stream gets all of it. */
export function appendReplyText(conversation: Conversation, replyId: string, delta: string): Conversation {
  return {
    ...conversation,
    entries: conversation.entries.map((entry) => (entry.id === replyId && entry.role === 'assistant' ? { ...entry, text: entry.text + delta } : entry)),
  };
}

export function titleFrom(user: UserEntry): string {
  const text = user.text.replace(/\s+/g, ' ').trim();
  if (!text) return user.images.length > 0 ? `Image: ${user.images[0]!.name}` : 'New chat';
  if (text.length <= TITLE_LENGTH) return text;
  const cut = text.slice(0, TITLE_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${space > TITLE_LENGTH / 2 ? cut.slice(0, space) : cut}…`;
}
