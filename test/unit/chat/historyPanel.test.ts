/**
 * The history list in headless Chromium: the panel shows its last list when opened and the host's
 * fresh one a moment later, and a click made across that refresh must not be lost.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { noChromium, openWebviewCodePage } from './webviewCodePage';
import type { ConversationSummary } from '../../../webview/chat/protocol/chatProtocol';

const HELLO: ConversationSummary = { id: 'a', title: 'Hello Inkwell', updatedAt: 1_000, entryCount: 2 };
const CODE: ConversationSummary = { id: 'b', title: 'Code sample', updatedAt: 2_000, entryCount: 4 };

interface PanelPage {
  show(conversations: ConversationSummary[]): void;
  exported: string[];
}

describe('the chat history list', { skip: noChromium }, () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    ({ browser, page } = await openWebviewCodePage(
      `import { HistoryPanel } from './webview/chat/view/historyPanel';
        window.exported = [];
        const panel = new HistoryPanel({ search() {}, open() {}, rename() {}, delete() {}, export: (id) => window.exported.push(id) });
        document.body.append(panel.element);
        panel.open();
        window.show = (conversations) => panel.show(conversations);`,
      '<!DOCTYPE html><html><body></body></html>',
    ));
  });
  after(() => browser?.close());

  it('keeps a click whose press and release straddle a refresh with the same chats', async () => {
    await page.evaluate((list) => (window as unknown as PanelPage).show(list), [HELLO, CODE]);
    const exportHello = page.getByRole('button', { name: 'Export Hello Inkwell to Markdown' });
    const box = (await exportHello.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.evaluate((list) => (window as unknown as PanelPage).show(list), [{ ...HELLO }, { ...CODE }]);
    await page.mouse.up();
    assert.deepEqual(await page.evaluate(() => (window as unknown as PanelPage).exported), ['a']);
  });

  it('redraws only the chats that changed, in the new order', async () => {
    await page.evaluate((list) => (window as unknown as PanelPage).show(list), [HELLO, CODE]);
    await page.evaluate(() => {
      document.querySelectorAll('.history-item').forEach((item, i) => ((item as HTMLElement).dataset.mark = String(i)));
    });
    await page.evaluate((list) => (window as unknown as PanelPage).show(list), [{ ...CODE, updatedAt: 3_000, entryCount: 6 }, HELLO]);
    const items = await page.locator('.history-item').evaluateAll((nodes) => nodes.map((node) => [(node as HTMLElement).dataset.conversationId, (node as HTMLElement).dataset.mark ?? 'new']));
    assert.deepEqual(items, [
      ['b', 'new'],
      ['a', '0'],
    ]);
    assert.match(await page.locator('.history-item').first().textContent() ?? '', /6 messages/);
  });

  it('says so when no chat matches', async () => {
    await page.locator('.history-search').fill('zebra');
    await page.evaluate(() => (window as unknown as PanelPage).show([]));
    assert.equal(await page.locator('.history-list').textContent(), 'No chat matches.');
  });
});
