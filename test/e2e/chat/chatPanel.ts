/**
 * Page object for Inkwell's chat view inside code-server: opens the view, and reads and drives
 * its content frame (two iframes deep) the way a user would, by its roles and labels.
 */
import type { Frame, Locator } from 'playwright-core';
import type { Workbench } from '../harness/workbench';

export const EXTENSION_ID = 'inkwell.inkwell';

export class ChatPanel {
  private constructor(
    readonly workbench: Workbench,
    readonly frame: Frame,
  ) {}

  /** Focuses the chat view (opening Inkwell's container) and waits for its page. */
  static async open(workbench: Workbench): Promise<ChatPanel> {
    // The status bar item appears once the extension is active, and with it the view's command.
    await workbench.statusBarItem(`${EXTENSION_ID}.inkwell.engine`).waitFor({ timeout: 90_000 });
    const query = { extensionId: EXTENSION_ID, contains: '[data-view="chat"]' };
    // After a window reload VS Code shows the view again by itself if it was open.
    const restored = await workbench.webview({ ...query, timeoutMs: 5_000 }).catch(() => undefined);
    if (restored) return new ChatPanel(workbench, restored);
    await workbench.runCommand('inkwell.chat.focus');
    return new ChatPanel(workbench, await workbench.webview({ ...query, timeoutMs: 60_000 }));
  }

  get input(): Locator {
    return this.frame.getByRole('textbox', { name: 'Message Inkwell' });
  }

  get entries(): Locator {
    return this.frame.locator('ol.transcript > li.entry');
  }

  get replies(): Locator {
    return this.frame.locator('li.entry.assistant');
  }

  get lastReply(): Locator {
    return this.replies.last();
  }

  button(name: string | RegExp): Locator {
    return this.frame.getByRole('button', { name });
  }

  async send(text: string): Promise<void> {
    await this.input.fill(text);
    await this.input.press('Enter');
  }

  /** Waits until the last reply is no longer streaming and returns its status class. */
  async waitForReplyEnd(timeoutMs = 120_000): Promise<string> {
    await this.frame.locator('li.entry.assistant:last-child:not(.streaming)').waitFor({ timeout: timeoutMs });
    const classes = (await this.lastReply.getAttribute('class')) ?? '';
    return ['done', 'stopped', 'failed'].find((status) => classes.split(' ').includes(status)) ?? classes;
  }

  async replyText(reply: Locator = this.lastReply): Promise<string> {
    return ((await reply.locator('.reply-body').textContent()) ?? '').trim();
  }

  /** Sets the generation settings through the popover. */
  async setMaxTokens(maxTokens: number): Promise<void> {
    await this.button('Generation Settings').click();
    const field = this.frame.getByLabel('Max tokens per reply');
    await field.fill(String(maxTokens));
    await field.press('Tab');
    await field.press('Escape');
  }

  /** Pastes image bytes into the message box as the clipboard would deliver them. */
  async pasteImage(bytes: Uint8Array, name: string, mimeType: string): Promise<void> {
    await this.input.evaluate(
      (input, file) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(file.bytes)], file.name, { type: file.mimeType }));
        input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      },
      { bytes: [...bytes], name, mimeType },
    );
  }

  /** Opens the history panel (unless it is open) and returns its items. */
  async openHistory(): Promise<Locator> {
    const toggle = this.button('Chat History');
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
    return this.frame.locator('.history-item');
  }
}
