/**
 * Where the user writes: the message box, the context chips (the editor's selection, attached
 * files) and image thumbnails above it, and the buttons to attach and to send or stop.
 *
 * Enter sends, Shift+Enter starts a new line, Escape stops a reply that is streaming. Typing
 * `#file` opens the workspace file picker. Images come by paste, by drop (VS Code hands a drop
 * to a webview only while Shift is held, which the hint says), or by the image button. The box
 * stays editable while a reply streams: the model runs in another webview.
 */
import type { ChatImage, ContextAttachment } from '../protocol/chatProtocol';
import { attachmentChip, imageThumbnail } from './attachmentChips';
import { el, iconButton } from './elements';

export interface ComposerActions {
  send(text: string, images: ChatImage[], attachments: ContextAttachment[]): void;
  stop(): void;
  pickFiles(): void;
  pickImages(): void;
  addImageFiles(files: File[]): void;
  /** The draft changed: save it with the webview state. */
  draftChanged(text: string): void;
}

const FILE_TRIGGER = '#file';

export class Composer {
  readonly element: HTMLElement;
  readonly input = el('textarea', {
    class: 'composer-input',
    rows: 2,
    'aria-label': 'Message Inkwell',
    placeholder: 'Ask Inkwell. #file attaches a file; paste or Shift+drop an image',
  });
  private readonly chips = el('div', { class: 'composer-chips', 'aria-label': 'Attached context', role: 'group' });
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private selection: ContextAttachment | undefined;
  /** The selection the user removed; it comes back when the selection changes. */
  private dismissedSelection: string | undefined;
  private attachments: ContextAttachment[] = [];
  private images: ChatImage[] = [];
  private generating = false;

  constructor(private readonly actions: ComposerActions) {
    this.sendButton = iconButton('send', 'Send (Enter)', () => this.submit(), { class: 'icon-button primary', 'data-action': 'send' });
    this.stopButton = iconButton('debug-stop', 'Stop (Escape)', () => actions.stop(), { class: 'icon-button primary', 'data-action': 'stop', hidden: true });
    const tools = el(
      'div',
      { class: 'composer-tools' },
      iconButton('mention', 'Attach File (#file)', () => actions.pickFiles(), { 'data-action': 'attach-file' }),
      iconButton('file-media', 'Attach Image (or paste, or drop with Shift held)', () => actions.pickImages(), { 'data-action': 'attach-image' }),
      el('span', { class: 'spacer' }),
      this.sendButton,
      this.stopButton,
    );
    this.element = el('div', { class: 'composer' }, this.chips, this.input, tools);
    this.input.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.input.addEventListener('input', () => this.onInput());
    this.input.addEventListener('paste', (event) => {
      const files = [...(event.clipboardData?.files ?? [])].filter((file) => file.type.startsWith('image/'));
      if (files.length === 0) return;
      event.preventDefault();
      actions.addImageFiles(files);
    });
  }

  setDraft(text: string): void {
    this.input.value = text;
    // Measured once the page has laid the box out.
    requestAnimationFrame(() => this.autoGrow());
  }

  setGenerating(generating: boolean): void {
    this.generating = generating;
    const stopHadFocus = document.activeElement === this.stopButton;
    this.sendButton.hidden = generating;
    this.stopButton.hidden = !generating;
    if (stopHadFocus && !generating) this.input.focus();
  }

  setSelection(selection: ContextAttachment | undefined): void {
    this.selection = selection;
    if (selection?.id !== this.dismissedSelection) this.dismissedSelection = undefined;
    this.renderChips();
  }

  addAttachments(attachments: ContextAttachment[]): void {
    const known = new Set(this.attachments.map((a) => a.path));
    this.attachments.push(...attachments.filter((a) => !known.has(a.path)));
    this.renderChips();
    this.input.focus();
  }

  addImages(images: ChatImage[]): void {
    this.images.push(...images);
    this.renderChips();
  }

  get hasImages(): boolean {
    return this.images.length > 0;
  }

  private visibleSelection(): ContextAttachment | undefined {
    return this.selection && this.selection.id !== this.dismissedSelection ? this.selection : undefined;
  }

  private renderChips(): void {
    const selection = this.visibleSelection();
    this.chips.replaceChildren(
      ...(selection ? [attachmentChip(selection, () => this.removeChip(() => (this.dismissedSelection = selection.id)), 'auto')] : []),
      ...this.attachments.map((a) => attachmentChip(a, () => this.removeChip(() => (this.attachments = this.attachments.filter((x) => x !== a))))),
      ...this.images.map((image) => imageThumbnail(image, () => this.removeChip(() => (this.images = this.images.filter((x) => x !== image))))),
    );
    this.chips.hidden = this.chips.childElementCount === 0;
  }

  private removeChip(remove: () => void): void {
    remove();
    this.renderChips();
    this.input.focus();
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (this.generating || (!text && this.images.length === 0)) return;
    const selection = this.visibleSelection();
    this.actions.send(text, this.images, [...(selection ? [selection] : []), ...this.attachments]);
    this.input.value = '';
    this.images = [];
    this.attachments = [];
    // The selection sent once is not sent again with every following message.
    if (selection) this.dismissedSelection = selection.id;
    this.renderChips();
    this.autoGrow();
    this.actions.draftChanged('');
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  }

  private onInput(): void {
    const { value, selectionStart } = this.input;
    if (value.slice(0, selectionStart).endsWith(FILE_TRIGGER)) {
      this.input.setRangeText('', selectionStart - FILE_TRIGGER.length, selectionStart, 'end');
      this.actions.pickFiles();
    }
    this.autoGrow();
    this.actions.draftChanged(this.input.value);
  }

  private autoGrow(): void {
    // Empty, it keeps its two rows (the placeholder needs them); a page not laid out yet measures 0.
    if (!this.input.value) {
      this.input.style.height = '';
      return;
    }
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 240)}px`;
  }
}
