/**
 * The history list in headless Chromium: the panel shows its last list when opened and the host's
 * fresh one a moment later, and a click made across that refresh must not be lost.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ConversationSummary } from '../../../webview/chat/protocol/chatProtocol';

const chromiumPath = process.env.INKWELL_E2E_CHROMIUM ?? '/usr/bin/chromium';
const repoRoot = join(import.meta.dirname, '..', '..', '..');

const HELLO: ConversationSummary = { id: 'a', title: 'Hello Inkwell', updatedAt: 1_000, entryCount: 2 };
const CODE: ConversationSummary = { id: 'b', title: 'Code sample', updatedAt: 2_000, entryCount: 4 };

interface PanelPage {
  show(conversations: ConversationSummary[]): void;
  exported: string[];
}

describe('the chat history list', { skip: !existsSync(chromiumPath) && `no Chromium at ${chromiumPath}` }, () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    const bundle = await esbuild.build({
      stdin: {
        contents: `import { HistoryPanel } from './webview/chat/view/historyPanel';
          window.exported = [];
          const panel = new HistoryPanel({ search() {}, open() {}, rename() {}, delete() {}, export: (id) => window.exported.push(id) });
          document.body.append(panel.element);
          panel.open();
          window.show = (conversations) => panel.show(conversations);`,
        resolveDir: repoRoot,
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2022',
      logLevel: 'silent',
    });
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
    page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
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
