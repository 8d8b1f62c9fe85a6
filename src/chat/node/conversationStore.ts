/**
 * Where conversations live between sessions: one JSON file per conversation in a folder of the
 * workspace's storage (so each workspace has its own history), read lazily and kept in memory
 * once read. Writes of one conversation are queued so that a slow write never lands after a
 * newer one. A file that cannot be read is skipped and reported, never deleted.
 */
import type { Conversation, ConversationSummary } from '../../../webview/chat/protocol/chatProtocol';
import { byRecency, matchesQuery, summarize } from '../common/conversationSearch';
import { decodeConversation, encodeConversation } from './conversationCodec';

/** The few file operations the store needs, on one folder; `vscode.workspace.fs` in the extension. */
export interface ChatStorage {
  list(): Promise<string[]>;
  read(name: string): Promise<string>;
  write(name: string, text: string): Promise<void>;
  delete(name: string): Promise<void>;
}

const SUFFIX = '.json';

export class ConversationStore {
  private cache: Map<string, Conversation> | undefined;
  private readonly writes = new Map<string, Promise<void>>();

  constructor(
    private readonly storage: ChatStorage,
    private readonly warn: (message: string) => void,
  ) {}

  async list(query = ''): Promise<ConversationSummary[]> {
    const all = [...(await this.all()).values()];
    return all.filter((conversation) => conversation.entries.length > 0 && matchesQuery(conversation, query)).sort(byRecency).map(summarize);
  }

  async load(id: string): Promise<Conversation | undefined> {
    return (await this.all()).get(id);
  }

  /** Saves it; a conversation with no entries is not worth a file. */
  async save(conversation: Conversation): Promise<void> {
    const cache = await this.all();
    if (conversation.entries.length === 0) {
      if (cache.delete(conversation.id)) await this.queue(conversation.id, () => this.storage.delete(fileName(conversation.id)));
      return;
    }
    cache.set(conversation.id, conversation);
    await this.queue(conversation.id, () => this.storage.write(fileName(conversation.id), encodeConversation(conversation)));
  }

  async rename(id: string, title: string): Promise<Conversation | undefined> {
    const conversation = await this.load(id);
    if (!conversation) return undefined;
    const renamed = { ...conversation, title };
    await this.save(renamed);
    return renamed;
  }

  async delete(id: string): Promise<void> {
    (await this.all()).delete(id);
    await this.queue(id, () => this.storage.delete(fileName(id)));
  }

  private async all(): Promise<Map<string, Conversation>> {
    if (this.cache) return this.cache;
    const loaded = new Map<string, Conversation>();
    for (const name of (await this.storage.list()).filter((n) => n.endsWith(SUFFIX))) {
      const decoded = decodeConversation(await this.storage.read(name).catch(() => ''));
      if (decoded.ok) loaded.set(decoded.conversation.id, decoded.conversation);
      else this.warn(`Chat history: skipped ${name}, which could not be read (${decoded.reason}).`);
    }
    this.cache ??= loaded;
    return this.cache;
  }

  private queue(id: string, write: () => Promise<void>): Promise<void> {
    const next = (this.writes.get(id) ?? Promise.resolve()).then(write, write);
    this.writes.set(id, next.catch(() => undefined));
    return next;
  }
}

function fileName(id: string): string {
  return `${id.replace(/[^A-Za-z0-9-]/g, '_')}${SUFFIX}`;
}
