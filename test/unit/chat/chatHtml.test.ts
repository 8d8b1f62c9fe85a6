import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildChatCsp, buildChatHtml } from '../../../src/chat/common/chatHtml';

const input = { cspSource: 'https://webview.test', nonce: 'abc123', scriptUri: 'https://webview.test/chat.js', styleUri: 'https://webview.test/chat.css' };

describe('the chat page', () => {
  it('allows scripts only with its nonce, and nothing by default', () => {
    const csp = buildChatCsp(input);
    assert.match(csp, /^default-src 'none'; script-src 'nonce-abc123';/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  });

  it('loads images only from blob: URLs and has no network access', () => {
    const csp = buildChatCsp(input);
    assert.match(csp, /img-src blob:$/);
    assert.doesNotMatch(csp, /connect-src/);
  });

  it('loads its script as a module with the nonce, and its stylesheet from the extension', () => {
    const html = buildChatHtml(input);
    assert.match(html, /<script type="module" nonce="abc123" src="https:\/\/webview.test\/chat.js"><\/script>/);
    assert.match(html, /<link rel="stylesheet" href="https:\/\/webview.test\/chat.css">/);
  });
});
