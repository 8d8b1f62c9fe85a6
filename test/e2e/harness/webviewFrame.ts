/**
 * Finds the frame that holds an extension's webview content. VS Code nests it two iframes deep:
 * the host `iframe.webview.ready` (VS Code's pre/index.html, which carries the extension id in
 * its URL) and inside it `#active-frame`, where the extension's HTML runs.
 */
import type { ElementHandle, Frame, Page } from 'playwright-core';

export interface WebviewQuery {
  /** `publisher.name` of the extension that owns the webview. */
  readonly extensionId: string;
  /** A selector that must exist in the content, to pick one of several webviews of the same
   * extension and to wait until the extension's HTML has rendered. */
  readonly contains?: string;
  /** Default 30 s. */
  readonly timeoutMs?: number;
}

/** Resolves to the content frame. A webview's frames are recreated when its view is hidden and
 * shown again (unless it retains context), so look it up again after such a change. */
export async function findWebviewFrame(page: Page, query: WebviewQuery): Promise<Frame> {
  const hosts = page.locator(`iframe.webview.ready[src*="extensionId=${encodeURIComponent(query.extensionId)}"]`);
  const deadline = Date.now() + (query.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    for (const host of await hosts.elementHandles()) {
      const content = await contentFrameOf(host);
      if (content && (query.contains === undefined || (await content.$(query.contains)) !== null)) {
        return content;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const what = query.contains === undefined ? '' : ` containing ${query.contains}`;
  throw new Error(`no webview of ${query.extensionId}${what}; is its view open?`);
}

async function contentFrameOf(host: ElementHandle): Promise<Frame | null> {
  const outer = await host.contentFrame();
  const active = await outer?.$('#active-frame');
  return (await active?.contentFrame()) ?? null;
}
