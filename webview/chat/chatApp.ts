/**
 * The chat view's coordinator: builds the views, routes the host's messages to them and the
 * views' actions to the host. The host owns the conversation; this keeps only what the views
 * need to draw it and the unsent draft.
 */
import type { HostChannel } from './hostChannel';
import { prepareImage } from './images/prepareImage';
import type { RenderMarkdown } from './markdown/renderMarkdown';
import type { ChatError, HostToChatMessage, ModelChoice } from './protocol/chatProtocol';
import { Announcer } from './view/announcer';
import { Composer } from './view/composer';
import { el } from './view/elements';
import { HistoryPanel } from './view/historyPanel';
import { ImageNotice } from './view/imageNotice';
import { SettingsPopover } from './view/settingsPopover';
import { Toolbar } from './view/toolbar';
import { Transcript } from './view/transcript';

interface SavedState {
  draft?: string;
}

export class ChatApp {
  readonly element: HTMLElement;
  private readonly transcript: Transcript;
  private readonly composer: Composer;
  private readonly toolbar: Toolbar;
  private readonly settings: SettingsPopover;
  private readonly history: HistoryPanel;
  private readonly imageNotice: ImageNotice;
  private readonly announcer = new Announcer();
  private readonly notices = el('div', { class: 'notices' });
  private readonly empty = el(
    'div',
    { class: 'empty-state' },
    el('h2', {}, 'Chat with Inkwell'),
    el('p', {}, 'Ask about your writing. The model runs on this machine; nothing leaves it.'),
    el('p', {}, 'Select text in an editor to include it. Type #file to attach a file. Paste an image, or hold Shift while dropping one here.'),
  );
  private conversationId = '';
  private generating = false;
  private models: { choices: ModelChoice[]; current: string } = { choices: [], current: '' };

  constructor(
    private readonly host: HostChannel,
    render: RenderMarkdown,
  ) {
    this.transcript = new Transcript(render, {
      onCodeAction: (action, code, languageId) => host.post({ type: 'codeAction', action, code, languageId }),
      regenerate: (entryId) => this.whenIdle(() => host.post({ type: 'regenerate', entryId })),
      editAndResend: (entryId, text) => this.whenIdle(() => host.post({ type: 'editAndResend', entryId, text })),
      deleteEntry: (entryId) => this.whenIdle(() => host.post({ type: 'deleteEntry', entryId })),
      useFix: (error) => this.useFix(error),
    });
    this.composer = new Composer({
      send: (text, images, attachments) => host.post({ type: 'send', text, images, attachments }),
      stop: () => host.post({ type: 'stop' }),
      pickFiles: () => host.post({ type: 'pickFiles' }),
      pickImages: () => host.post({ type: 'pickImages' }),
      addImageFiles: (files) => void this.addImageFiles(files),
      draftChanged: (draft) => host.saveState({ draft } satisfies SavedState),
    });
    this.settings = new SettingsPopover(
      (settings) => host.post({ type: 'updateSettings', settings }),
      () => this.toggleSettings(false),
    );
    this.history = new HistoryPanel({
      search: (query) => host.post({ type: 'searchHistory', query }),
      open: (id) => {
        host.post({ type: 'openConversation', id });
        this.toggleHistory(false);
      },
      rename: (id, title) => host.post({ type: 'renameConversation', id, title }),
      export: (id) => host.post({ type: 'exportConversation', id }),
      delete: (id) => host.post({ type: 'deleteConversation', id }),
    });
    this.toolbar = new Toolbar({
      selectModel: (model) => host.post({ type: 'selectModel', model }),
      toggleSettings: () => this.toggleSettings(!this.settings.isOpen),
      toggleHistory: () => this.toggleHistory(!this.history.isOpen),
      newChat: () => {
        host.post({ type: 'newChat' });
        this.toggleHistory(false);
        this.composer.input.focus();
      },
    });
    this.imageNotice = new ImageNotice((model) => host.post({ type: 'selectModel', model }));
    this.element = el(
      'main',
      { class: 'chat', 'data-view': 'chat' },
      this.toolbar.element,
      this.settings.element,
      this.history.element,
      this.empty,
      this.transcript.element,
      this.notices,
      this.imageNotice.element,
      this.composer.element,
      this.announcer.element,
    );
    this.composer.setDraft((host.savedState as SavedState | undefined)?.draft ?? '');
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.generating) {
        event.preventDefault();
        host.post({ type: 'stop' });
      }
    });
    // Drops reach the page only while Shift is held (VS Code's rule for webviews); the outline says it will take them.
    this.element.addEventListener('dragover', (event) => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      this.element.classList.add('drop-target');
    });
    this.element.addEventListener('dragleave', (event) => {
      if (!this.element.contains(event.relatedTarget as Node | null)) this.element.classList.remove('drop-target');
    });
    this.element.addEventListener('drop', (event) => {
      this.element.classList.remove('drop-target');
      const files = [...(event.dataTransfer?.files ?? [])].filter((file) => file.type.startsWith('image/'));
      if (files.length === 0) return;
      event.preventDefault();
      void this.addImageFiles(files);
    });
  }

  start(): void {
    this.host.post({ type: 'ready' });
    this.composer.input.focus();
  }

  receive(message: HostToChatMessage): void {
    switch (message.type) {
      case 'conversation':
        this.conversationId = message.conversation.id;
        this.transcript.show(message.conversation);
        this.setGenerating(message.generating);
        break;
      case 'entries':
        if (message.conversationId !== this.conversationId) return;
        this.transcript.replaceFrom(message.from, message.entries);
        if (message.entries.some((entry) => entry.role === 'assistant' && entry.status === 'streaming')) {
          this.setGenerating(true);
          this.announcer.say('Inkwell is replying. Press Escape to stop.');
        }
        break;
      case 'delta':
        this.transcript.appendDelta(message.entryId, message.text);
        break;
      case 'replyEnded':
        this.transcript.endReply(message.entry);
        this.setGenerating(false);
        this.announcer.say(
          message.entry.status === 'failed' ? `Reply failed: ${message.entry.error?.message ?? ''}`
          : message.entry.status === 'stopped' ? `Reply stopped. ${message.entry.text}`
          : `Inkwell replied: ${message.entry.text}`,
        );
        break;
      case 'models':
        this.models = { choices: message.choices, current: message.current };
        this.toolbar.setModels(message.choices, message.current);
        this.updateImageNotice();
        break;
      case 'settings':
        this.settings.set(message.settings);
        break;
      case 'selection':
        this.composer.setSelection(message.attachment);
        break;
      case 'attached':
        this.composer.addAttachments(message.attachments);
        break;
      case 'imagesPicked':
        void this.addImageFiles(message.images.map((image) => new File([image.bytes as Uint8Array<ArrayBuffer>], image.name, { type: image.mimeType })));
        break;
      case 'history':
        this.history.show(message.conversations);
        break;
      case 'notice':
        this.showNotice(message.error);
        break;
    }
    this.empty.hidden = !this.transcript.isEmpty;
  }

  private setGenerating(generating: boolean): void {
    this.generating = generating;
    this.composer.setGenerating(generating);
    this.element.classList.toggle('generating', generating);
  }

  /** Actions that change the conversation wait for the reply in progress; the view says so rather than queueing. */
  private whenIdle(action: () => void): void {
    if (this.generating) this.showNotice({ code: 'busy', message: 'Stop the reply in progress first (Escape).' });
    else action();
  }

  private async addImageFiles(files: File[]): Promise<void> {
    for (const file of files) {
      const prepared = await prepareImage(new Uint8Array(await file.arrayBuffer()), file.name || 'pasted image', file.type);
      if (prepared.ok) this.composer.addImages([prepared.image]);
      else this.showNotice(prepared.error);
    }
    this.updateImageNotice();
    const current = this.currentModel();
    if (this.composer.hasImages && current?.canReadImages === undefined) this.host.post({ type: 'checkImageSupport' });
  }

  private updateImageNotice(): void {
    this.imageNotice.update(this.composer.hasImages, this.currentModel(), this.models.choices);
  }

  private currentModel(): ModelChoice | undefined {
    return this.models.choices.find((choice) => choice.id === this.models.current);
  }

  private useFix(error: ChatError): void {
    if (error.fix?.kind === 'useModel') this.host.post({ type: 'selectModel', model: error.fix.model });
  }

  private showNotice(error: ChatError): void {
    const notice = el('div', { class: 'notice', role: 'alert' }, el('span', {}, error.message));
    if (error.fix) notice.append(' ', el('button', { type: 'button', class: 'text-button', 'data-action': 'fix' }, error.fix.label));
    notice.querySelector('button')?.addEventListener('click', () => {
      this.useFix(error);
      notice.remove();
    });
    const dismiss = el('button', { type: 'button', class: 'icon-button', 'aria-label': 'Dismiss', title: 'Dismiss' }, el('span', { class: 'codicon codicon-close', 'aria-hidden': 'true' }));
    dismiss.addEventListener('click', () => {
      notice.remove();
      this.composer.input.focus();
    });
    notice.append(dismiss);
    this.notices.replaceChildren(notice);
  }

  private toggleSettings(open: boolean): void {
    if (open) this.settings.open();
    else this.settings.close();
    this.toolbar.settingsButton.setAttribute('aria-expanded', String(open));
    if (!open) this.toolbar.settingsButton.focus();
  }

  private toggleHistory(open: boolean): void {
    if (open) this.history.open();
    else this.history.close();
    this.transcript.element.hidden = open;
    this.toolbar.historyButton.setAttribute('aria-pressed', String(open));
  }
}
