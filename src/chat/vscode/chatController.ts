/**
 * The chat's host side: owns the open conversation, turns the view's requests into edits of it
 * (conversationEdits.ts), runs replies one at a time, saves every change, and keeps the view
 * told. Thin on purpose: the edits, the prompt and the storage are each their own module.
 */
import * as vscode from 'vscode';
import type { AssistantEntry, ChatToHostMessage, Conversation, HostToChatMessage } from '../../../webview/chat/protocol/chatProtocol';
import type { InkwellServices } from '../../services';
import { buildChatPrompt } from '../common/buildChatPrompt';
import * as edits from '../common/conversationEdits';
import { conversationToMarkdown } from '../common/conversationMarkdown';
import type { ConversationStore } from '../node/conversationStore';
import type { ChatModels } from './chatModels';
import type { ChatSettings } from './chatSettings';
import { runCodeBlockAction } from './codeBlockActions';
import type { EditorContext } from './editorContext';
import { runReply } from './replyRunner';
import type { EditReviews } from '../../editing/editReview';

export interface ChatControllerDeps {
  services: InkwellServices;
  store: ConversationStore;
  models: ChatModels;
  settings: ChatSettings;
  editorContext: EditorContext;
  reviews: EditReviews;
  /** Remembers which conversation was open, for the next window. */
  state: vscode.Memento;
}

const CURRENT_KEY = 'inkwell.chat.currentConversation';

export class ChatController implements vscode.Disposable {
  private conversation: Conversation = edits.newConversation(Date.now());
  private generation: { replyId: string; cancel: vscode.CancellationTokenSource } | undefined;
  private post: (message: HostToChatMessage) => void = () => undefined;
  private readonly restored: Promise<void>;

  constructor(private readonly deps: ChatControllerDeps) {
    this.restored = this.restore();
  }

  /** The view that messages go to now; a view that is re-created (hidden and shown) attaches again. */
  attach(post: (message: HostToChatMessage) => void): void {
    this.post = post;
  }

  async handle(message: ChatToHostMessage): Promise<void> {
    await this.restored;
    switch (message.type) {
      case 'ready':
        return this.sendEverything();
      case 'send':
        return this.startReply(() =>
          edits.appendExchange(this.conversation, { id: crypto.randomUUID(), role: 'user', text: message.text, images: message.images, attachments: message.attachments }, this.pendingReply(), Date.now()),
        );
      case 'stop':
        this.generation?.cancel.cancel();
        return;
      case 'regenerate':
        return this.startReply(() => edits.regenerate(this.conversation, message.entryId, this.pendingReply(), Date.now()));
      case 'editAndResend':
        return this.startReply(() => edits.editAndResend(this.conversation, message.entryId, message.text, this.pendingReply(), Date.now()));
      case 'deleteEntry': {
        if (this.generation) return;
        const edited = edits.deleteEntry(this.conversation, message.entryId, Date.now());
        if (edited) await this.apply(edited);
        return;
      }
      case 'newChat':
        return this.open(edits.newConversation(Date.now()));
      case 'openConversation': {
        const conversation = await this.deps.store.load(message.id);
        if (conversation) await this.open(conversation);
        return;
      }
      case 'searchHistory':
        return this.post({ type: 'history', query: message.query, conversations: await this.deps.store.list(message.query) });
      case 'renameConversation': {
        const renamed = await this.deps.store.rename(message.id, message.title);
        if (renamed && renamed.id === this.conversation.id) this.conversation = { ...this.conversation, title: renamed.title };
        return this.post({ type: 'history', query: '', conversations: await this.deps.store.list() });
      }
      case 'deleteConversation':
        return this.deleteConversation(message.id);
      case 'exportConversation':
        return this.exportConversation(message.id);
      case 'pickFiles': {
        const attachments = await this.deps.editorContext.pickFiles();
        if (attachments.length) this.post({ type: 'attached', attachments });
        return;
      }
      case 'pickImages':
        return this.pickImages();
      case 'codeAction': {
        const error = await runCodeBlockAction(message.action, message.code, message.languageId, this.deps);
        if (error) this.post({ type: 'notice', error });
        return;
      }
      case 'selectModel':
        return this.deps.models.select(message.model);
      case 'updateSettings':
        await this.deps.settings.update(message.settings);
        return;
      case 'checkImageSupport':
        await this.deps.models.learnImageSupport().catch(() => undefined);
        return this.sendModels();
      case 'log':
        this.deps.services.log[message.level](`Chat view: ${message.message}`);
        return;
    }
  }

  sendModels(): void {
    this.post({ type: 'models', choices: this.deps.models.choices(), current: this.deps.models.current });
  }

  sendSelection(attachment = this.deps.editorContext.currentSelection()): void {
    this.post({ type: 'selection', attachment });
  }

  dispose(): void {
    this.generation?.cancel.cancel();
  }

  private sendEverything(): void {
    this.post({ type: 'conversation', conversation: this.conversation, generating: this.generation !== undefined });
    this.sendModels();
    this.post({ type: 'settings', settings: this.deps.settings.view });
    this.sendSelection();
  }

  private pendingReply(): AssistantEntry {
    return edits.pendingReply(this.deps.models.currentLabel);
  }

  private async startReply(edit: () => edits.Edited | undefined): Promise<void> {
    if (this.generation) return;
    const edited = edit();
    if (!edited) return;
    await this.apply(edited);
    const reply = edited.conversation.entries.at(-1) as AssistantEntry;
    const choice = this.deps.models.current;
    const cancel = new vscode.CancellationTokenSource();
    this.generation = { replyId: reply.id, cancel };
    const conversationId = edited.conversation.id;
    try {
      const ended = await runReply(
        this.deps.services.provider,
        { reply, messages: buildChatPrompt(edited.conversation.entries.slice(0, -1)), settings: this.deps.settings.generation() },
        (message) => {
          if (this.conversation.id !== conversationId) return;
          if (message.type === 'delta') this.conversation = edits.appendReplyText(this.conversation, message.entryId, message.text);
          this.post(message);
        },
        cancel.token,
      );
      if (ended.status === 'done' && edited.conversation.entries.some((e) => e.role === 'user' && e.images.length > 0)) this.deps.models.remember(choice, true);
      if (ended.error?.code === 'images-not-supported') this.deps.models.remember(choice, false);
      await this.endReply(conversationId, ended);
    } finally {
      cancel.dispose();
      this.generation = undefined;
    }
  }

  private async endReply(conversationId: string, ended: AssistantEntry): Promise<void> {
    if (this.conversation.id === conversationId) {
      this.conversation = edits.replaceEntry(this.conversation, ended, Date.now());
      this.post({ type: 'replyEnded', entry: ended });
      if (ended.error?.code === 'images-not-supported') this.sendModels();
      await this.save(this.conversation);
      return;
    }
    // The user opened another conversation meanwhile: the reply still belongs to its own.
    const own = await this.deps.store.load(conversationId);
    if (own) await this.save(edits.replaceEntry(own, ended, Date.now()));
  }

  private async apply(edited: edits.Edited): Promise<void> {
    this.conversation = edited.conversation;
    this.post({ type: 'entries', conversationId: edited.conversation.id, from: edited.from, entries: edited.conversation.entries.slice(edited.from) });
    await this.save(this.conversation);
  }

  private async open(conversation: Conversation): Promise<void> {
    this.conversation = conversation;
    await this.deps.state.update(CURRENT_KEY, conversation.id);
    this.post({ type: 'conversation', conversation, generating: this.generation !== undefined && conversation.entries.some((e) => e.id === this.generation?.replyId) });
  }

  private async save(conversation: Conversation): Promise<void> {
    try {
      await this.deps.store.save(conversation);
      await this.deps.state.update(CURRENT_KEY, conversation.id);
    } catch (error) {
      this.deps.services.log.warn(`Chat history: could not save "${conversation.title}": ${error instanceof Error ? error.message : String(error)}`);
      this.post({ type: 'notice', error: { code: 'save-failed', message: 'Inkwell could not save this chat; see the Inkwell log.' } });
    }
  }

  private async restore(): Promise<void> {
    const id = this.deps.state.get<string>(CURRENT_KEY);
    const conversation = id ? await this.deps.store.load(id).catch(() => undefined) : undefined;
    if (!conversation) return;
    // A reply that was streaming when the window closed ended there.
    const entries = conversation.entries.map((entry) => (entry.role === 'assistant' && entry.status === 'streaming' ? { ...entry, status: 'stopped' as const } : entry));
    this.conversation = { ...conversation, entries };
  }

  private async deleteConversation(id: string): Promise<void> {
    const conversation = await this.deps.store.load(id);
    if (!conversation) return;
    const choice = await vscode.window.showWarningMessage(`Delete the chat "${conversation.title}"?`, { modal: true }, 'Delete');
    if (choice !== 'Delete') return;
    if (conversation.entries.some((entry) => entry.id === this.generation?.replyId)) this.generation?.cancel.cancel();
    await this.deps.store.delete(id);
    if (id === this.conversation.id) await this.open(edits.newConversation(Date.now()));
    this.post({ type: 'history', query: '', conversations: await this.deps.store.list() });
  }

  private async exportConversation(id: string): Promise<void> {
    const conversation = id === this.conversation.id ? this.conversation : await this.deps.store.load(id);
    if (!conversation) return;
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: conversationToMarkdown(conversation, new Date()) });
    await vscode.window.showTextDocument(document);
  }

  private async pickImages(): Promise<void> {
    const uris = await vscode.window.showOpenDialog({
      canSelectMany: true,
      openLabel: 'Attach',
      title: 'Attach Images to the Chat',
      filters: { Images: ['png', 'jpg', 'jpeg', 'webp', 'gif'] },
    });
    const images = [];
    for (const uri of uris ?? []) {
      const name = uri.path.split('/').pop() ?? 'image';
      const bytes = await vscode.workspace.fs.readFile(uri);
      images.push({ id: crypto.randomUUID(), name, mimeType: mimeTypeOf(name), bytes: new Uint8Array(bytes) });
    }
    if (images.length) this.post({ type: 'imagesPicked', images });
  }
}

function mimeTypeOf(name: string): string {
  const extension = name.toLowerCase().split('.').pop();
  return extension === 'jpg' || extension === 'jpeg' ? 'image/jpeg' : `image/${extension}`;
}
