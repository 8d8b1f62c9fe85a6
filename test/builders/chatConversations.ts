/** Chat conversations for tests: stored-shape fixtures built in code, never hand-edited files. */
import type { AssistantEntry, ChatEntry, Conversation, UserEntry } from '../../webview/chat/protocol/chatProtocol';

let nextId = 1;
const id = (prefix: string): string => `${prefix}-${nextId++}`;

export function aUserEntry(text: string, overrides: Partial<UserEntry> = {}): UserEntry {
  return { id: id('user'), role: 'user', text, images: [], attachments: [], ...overrides };
}

export function aReply(text: string, overrides: Partial<AssistantEntry> = {}): AssistantEntry {
  return {
    id: id('reply'),
    role: 'assistant',
    text,
    status: 'done',
    model: 'demo:tiny-llama',
    stats: { tokensPerSecond: 25, timeToFirstTokenMs: 300, generatedTokens: 12 },
    ...overrides,
  };
}

export function aConversation(entries: ChatEntry[], overrides: Partial<Conversation> = {}): Conversation {
  return { id: id('conversation'), title: 'A conversation', createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000, entries, ...overrides };
}

/** `messages` entries, questions and Markdown answers taking turns, some with code and tables. */
export function aLongConversation(messages: number, overrides: Partial<Conversation> = {}): Conversation {
  const entries: ChatEntry[] = [];
  for (let i = 0; entries.length < messages; i++) {
    entries.push(aUserEntry(`Question ${i + 1}: how should paragraph ${i + 1} open?`));
    if (entries.length < messages) {
      entries.push(
        aReply(
          i % 3 === 0
            ? `Answer ${i + 1}, with code:\n\n\`\`\`ts\nconst paragraph${i} = open(${i});\n\`\`\``
            : i % 3 === 1
              ? `Answer ${i + 1}:\n\n| option | tone |\n| --- | --- |\n| a | calm |\n| b | bold |`
              : `Answer ${i + 1}: start with **the point**, then:\n\n- a reason\n- an example\n- a link to [the style guide](https://example.com/style)`,
        ),
      );
    }
  }
  return aConversation(entries, { title: `A long conversation of ${messages} messages`, ...overrides });
}
