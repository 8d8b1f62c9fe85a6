import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildEngineCsp, createNonce } from '../../../src/engineHost/common/engineCsp';
import { buildEngineHtml } from '../../../src/engineHost/common/engineHtml';

const cspSource = 'https://*.vscode-cdn.net';
const nonce = 'bm9uY2Vub25jZW5vbmNlMQ==';

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('buildEngineCsp', () => {
  const csp = directives(buildEngineCsp({ cspSource, nonce, modelServers: ['http://127.0.0.1:8123/proxy/4567/'] }));

  it('denies everything not listed', () => {
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
  });

  it("runs only scripts carrying the page's nonce, and lets them compile wasm", () => {
    assert.deepEqual(csp.get('script-src'), [`'nonce-${nonce}'`, "'wasm-unsafe-eval'"]);
  });

  it('connects only to the webview resources and the model file server', () => {
    assert.deepEqual(csp.get('connect-src'), [cspSource, 'http://127.0.0.1:8123/proxy/4567/']);
  });

  it('allows blob workers, local and in-memory images, and nonce styles', () => {
    assert.deepEqual(csp.get('worker-src'), ['blob:']);
    assert.deepEqual(csp.get('img-src'), [cspSource, 'blob:', 'data:']);
    assert.deepEqual(csp.get('style-src'), [cspSource, `'nonce-${nonce}'`]);
  });

  it('never allows unsafe-inline or unsafe-eval', () => {
    const text = buildEngineCsp({ cspSource, nonce, modelServers: [] });
    assert.doesNotMatch(text, /'unsafe-inline'|'unsafe-eval'/);
  });

  it('connects to the webview resources alone before the file server has started', () => {
    const early = directives(buildEngineCsp({ cspSource, nonce, modelServers: [] }));
    assert.deepEqual(early.get('connect-src'), [cspSource]);
  });
});

describe('createNonce', () => {
  it('makes a different 128-bit base64 value each time', () => {
    const values = new Set(Array.from({ length: 50 }, createNonce));
    assert.equal(values.size, 50);
    for (const value of values) assert.match(value, /^[A-Za-z0-9+/]{22}==$/);
  });
});

describe('buildEngineHtml', () => {
  const html = buildEngineHtml({
    cspSource,
    nonce,
    modelServers: [],
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/engineHost.js',
    ortBaseUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/ort/?a=1&b="2"',
  });

  it('puts the CSP in a meta tag', () => {
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-/);
  });

  it('loads the engine as a module script with the nonce', () => {
    assert.match(html, new RegExp(`<script type="module" nonce="${nonce}" src="https://file\\+\\.vscode-resource[^"]+/engineHost\\.js">`));
  });

  it('escapes attribute values', () => {
    assert.match(html, /data-ort-base="[^"]*\?a=1&amp;b=&quot;2&quot;"/);
  });

  it('has no inline script without the nonce', () => {
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.ok(scripts.every((tag) => tag.includes(`nonce="${nonce}"`)));
  });
});
