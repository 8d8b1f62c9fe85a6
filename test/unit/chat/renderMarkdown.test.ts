/**
 * The reply renderer against hostile Markdown and HTML, in headless Chromium (DOMPurify needs a
 * real DOM: on a partial one it hands its input back unchanged). Each payload is rendered by the
 * chat's own renderer, put into a page with no CSP (so the renderer alone must hold), poked at
 * (every element clicked, except web links, hovered and focused), and then: nothing ran, nothing was fetched, and
 * nothing that could run or load is left in the DOM.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { noChromium, openWebviewCodePage } from './webviewCodePage';
import { HOSTILE_MARKDOWN } from './hostileMarkdown';

interface Inspection {
  ran: string[];
  requests: number;
  dangerous: string[];
  html: string;
}

describe('the chat reply renderer, given hostile Markdown', { skip: noChromium }, () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  before(async () => {
    ({ browser, page } = await openWebviewCodePage(
      `import { createMarkdownRenderer } from './webview/chat/markdown/renderMarkdown';
        import { createSanitizer } from './webview/chat/markdown/sanitizeHtml';
        window.renderReply = createMarkdownRenderer(createSanitizer(window));`,
      '<!DOCTYPE html><html><head></head><body><div id="reply"></div></body></html>',
      async (page) => {
        page.on('request', (request) => {
          if (!request.url().startsWith('data:') && request.url() !== 'about:blank') requests.push(request.url());
        });
        await page.route('**/*', (route) => route.abort());
      },
    ));
    await page.evaluate(() => {
      (window as unknown as { ran: string[] }).ran = [];
    });
  });
  after(() => browser?.close());

  async function renderAndPoke(markdown: string): Promise<Inspection> {
    requests.length = 0;
    const inspection = await page.evaluate(async (source) => {
      const w = window as unknown as { ran: string[]; renderReply(markdown: string): string };
      w.ran.length = 0;
      const reply = document.getElementById('reply')!;
      reply.innerHTML = w.renderReply(source);
      for (const element of reply.querySelectorAll<HTMLElement>('*')) {
        for (const type of ['click', 'mouseover', 'mouseenter', 'focus', 'animationstart', 'error', 'load']) {
          element.dispatchEvent(new Event(type, { bubbles: true }));
        }
        // Following an allowed web link would navigate the test page away; every other element is clicked.
        if (!(element instanceof HTMLAnchorElement && /^(https?:|mailto:)/.test(element.href))) element.click();
        element.focus();
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      const dangerous: string[] = [];
      for (const element of reply.querySelectorAll('*')) {
        const tag = element.tagName.toLowerCase();
        if (['script', 'iframe', 'frame', 'object', 'embed', 'img', 'svg', 'math', 'style', 'link', 'meta', 'base', 'form', 'input', 'video', 'audio', 'source', 'template'].includes(tag)) dangerous.push(`<${tag}>`);
        for (const attribute of element.attributes) {
          const name = attribute.name.toLowerCase();
          const value = attribute.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
          if (name.startsWith('on')) dangerous.push(`${tag}[${name}]`);
          if (['src', 'srcset', 'style', 'action', 'formaction', 'background', 'poster', 'xlink:href', 'ping'].includes(name)) dangerous.push(`${tag}[${name}]`);
          if (name === 'href' && !/^(https?:|mailto:)/.test(value)) dangerous.push(`${tag}[href=${attribute.value}]`);
        }
      }
      return { ran: [...w.ran], dangerous, html: reply.innerHTML };
    }, markdown);
    return { ...inspection, requests: requests.length };
  }

  for (const [name, markdown] of Object.entries(HOSTILE_MARKDOWN)) {
    it(`neutralises ${name}`, async () => {
      const result = await renderAndPoke(markdown);
      assert.deepEqual(result.ran, [], `script ran; rendered: ${result.html}`);
      assert.equal(result.requests, 0, `the page fetched something; rendered: ${result.html}`);
      assert.deepEqual(result.dangerous, [], `left in the DOM; rendered: ${result.html}`);
    });
  }

  it('still renders ordinary Markdown: headings, lists, tables, links and highlighted code', async () => {
    const { html } = await renderAndPoke('# Title\n\n- one\n- two\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n[site](https://example.com)\n\n```ts\nconst x = 1;\n```');
    assert.match(html, /<h1>Title<\/h1>/);
    assert.match(html, /<li>one<\/li>/);
    assert.match(html, /<td>1<\/td>/);
    assert.match(html, /<a href="https:\/\/example.com" title="https:\/\/example.com">site<\/a>/);
    assert.match(html, /<pre data-language="ts"><code class="hljs"><span class="hljs-keyword">const<\/span>/);
  });

  it('re-renders a 4 KB streaming reply in a few milliseconds, so once a frame is affordable', async (t) => {
    const msPerRender = await page.evaluate(() => {
      const w = window as unknown as { renderReply(markdown: string): string };
      const paragraph = 'Some **bold** words, a [link](https://example.com), and `code`. ';
      const reply = `${paragraph.repeat(30)}\n\n\`\`\`ts\n${'const value = compute(1, "two");\n'.repeat(40)}\`\`\`\n\n| a | b |\n| - | - |\n| 1 | 2 |\n`;
      const target = document.getElementById('reply')!;
      const startedAt = performance.now();
      for (let i = 0; i < 50; i++) target.innerHTML = w.renderReply(reply.slice(0, 1000 + i * 60));
      return (performance.now() - startedAt) / 50;
    });
    t.diagnostic(`${msPerRender.toFixed(1)} ms per render of a ~4 KB reply`);
    assert.ok(msPerRender < 50, `${msPerRender} ms per render`);
  });

  it('shows raw HTML in a reply as text instead of parsing it', async () => {
    const { html } = await renderAndPoke('<b>bold?</b>');
    assert.match(html, /&lt;b&gt;bold\?&lt;\/b&gt;/);
  });
});
