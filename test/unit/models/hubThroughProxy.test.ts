import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ModelsError } from '../../../src/models/common/modelsError';
import type { ProxySettings } from '../../../src/models/common/proxyRoute';
import { proxyFor, proxySettingsFrom } from '../../../src/models/common/proxyRoute';
import { downloadModel } from '../../../src/models/node/downloadModel';
import { HubClient } from '../../../src/models/node/hubClient';
import { catalogEntryFor } from './support/catalogEntries';
import { downloadDeps, temporaryStore } from './support/downloadDeps';
import { startLoopbackHub, type LoopbackHub, type ServedRepo } from './support/loopbackHub';
import { startLoopbackProxy, type LoopbackProxy } from './support/loopbackProxy';
import { servedTinyLlama, TINY_LLAMA_COMMIT, TINY_LLAMA_ID } from './support/servedFixtures';

const never = new AbortController().signal;

describe('choosing a proxy from VS Code’s settings', () => {
  const settings = (noProxy: string[]): ProxySettings => ({ proxy: 'http://proxy.corp:3128', noProxy, strictSSL: true });

  it('sends requests through http.proxy', () => {
    assert.equal(proxyFor(new URL('https://huggingface.co/x'), settings([]))?.host, 'proxy.corp:3128');
  });

  it('bypasses it for http.noProxy hosts, their subdomains, and matching ports', () => {
    const bypassed = (url: string, entry: string) => proxyFor(new URL(url), settings([entry])) === undefined;
    assert.ok(bypassed('https://huggingface.co/x', 'huggingface.co'));
    assert.ok(bypassed('https://cdn-lfs.huggingface.co/x', '.huggingface.co'));
    assert.ok(bypassed('https://cdn-lfs.huggingface.co/x', '*.huggingface.co'));
    assert.ok(bypassed('http://127.0.0.1:8080/x', '127.0.0.1:8080'));
    assert.ok(bypassed('https://anything.example/x', '*'));
    assert.ok(!bypassed('https://nothuggingface.co/x', 'huggingface.co'));
    assert.ok(!bypassed('http://127.0.0.1:9090/x', '127.0.0.1:8080'));
  });

  it('takes the environment’s proxy when http.proxy is empty, and none when http.proxySupport is off', () => {
    const env = { HTTPS_PROXY: 'http://env-proxy:8080', NO_PROXY: 'localhost,127.0.0.1' };
    assert.deepEqual(proxySettingsFrom({ proxy: '' }, env), { proxy: 'http://env-proxy:8080', noProxy: ['localhost', '127.0.0.1'], strictSSL: true, authorization: undefined });
    assert.equal(proxySettingsFrom({ proxy: 'http://setting:1' }, env).proxy, 'http://setting:1');
    assert.equal(proxySettingsFrom({ proxy: 'http://setting:1', support: 'off' }, env).proxy, undefined);
  });
});

describe('downloading through a proxy', () => {
  let served: ServedRepo;
  let hub: LoopbackHub;
  let proxy: LoopbackProxy;
  before(async () => {
    served = await servedTinyLlama();
    hub = await startLoopbackHub([served]);
    proxy = await startLoopbackProxy();
  });
  after(async () => {
    await hub.close();
    await proxy.close();
  });

  const viaProxy = (noProxy: string[]) => (endpoint: string) =>
    new HubClient({ endpoint, proxy: { proxy: proxy.url, noProxy, strictSSL: true, authorization: 'Basic dXNlcjpwYXNz' }, stallTimeoutMs: 2_000, userAgent: 'inkwell-test' });

  it('fetches the Hub and the CDN through http.proxy, with its Proxy-Authorization', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    proxy.records.length = 0;
    const deps = downloadDeps(store, hub.endpoint, { hubClient: () => viaProxy([])(hub.endpoint) });

    await downloadModel(catalogEntryFor({ id: TINY_LLAMA_ID, folder: served.folder }), 'q4', deps, never, () => undefined);

    assert.ok(proxy.records.some((r) => r.target === `${hub.endpoint}/${TINY_LLAMA_ID}/resolve/${TINY_LLAMA_COMMIT}/onnx/model_q4.onnx`));
    assert.ok(proxy.records.some((r) => r.target.includes('/cdn/')), 'the CDN request went through the proxy too');
    assert.ok(proxy.records.every((r) => r.proxyAuthorization === 'Basic dXNlcjpwYXNz'));
  });

  it('goes direct to hosts in http.noProxy', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    proxy.records.length = 0;
    const deps = downloadDeps(store, hub.endpoint, { hubClient: () => viaProxy(['127.0.0.1'])(hub.endpoint) });

    await downloadModel(catalogEntryFor({ id: TINY_LLAMA_ID, folder: served.folder }), 'q4', deps, never, () => undefined);

    assert.deepEqual(proxy.records, []);
  });
});

describe('an https Hub behind a proxy', { skip: hasOpenssl() ? false : 'needs openssl to make a test certificate' }, () => {
  let proxy: LoopbackProxy;
  let endpoint: string;
  let close: () => Promise<void>;
  before(async () => {
    proxy = await startLoopbackProxy();
    const dir = mkdtempSync(join(tmpdir(), 'inkwell-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_request, response) => {
      response.writeHead(200, { 'x-repo-commit': TINY_LLAMA_COMMIT, etag: `"${'b'.repeat(40)}"`, 'content-length': '2' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    rmSync(dir, { recursive: true, force: true });
    endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await proxy.close();
    };
  });
  after(() => close());

  const client = (strictSSL: boolean) =>
    new HubClient({ endpoint, proxy: { proxy: proxy.url, noProxy: [], strictSSL }, stallTimeoutMs: 2_000, userAgent: 'inkwell-test' });

  it('reaches it through a CONNECT tunnel', async () => {
    const facts = await client(false).fileFacts({ repo: 'org/model', revision: 'main', path: 'config.json' }, never);

    assert.equal(facts.commit, TINY_LLAMA_COMMIT);
    assert.deepEqual(proxy.records.map((r) => r.method + ' ' + r.target), [`CONNECT ${new URL(endpoint).host}`]);
  });

  it('refuses its untrusted certificate while http.proxyStrictSSL is on', async () => {
    await assert.rejects(
      client(true).fileFacts({ repo: 'org/model', revision: 'main', path: 'config.json' }, never),
      (e: unknown) => e instanceof ModelsError && e.code === 'network',
    );
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
