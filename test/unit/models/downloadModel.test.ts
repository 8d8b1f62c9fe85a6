import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadModel } from '../../../webview/engine';
import { nodeModelFiles } from '../../../webview/engine/adapters/node/nodeModelFiles';
import { nodeOrt } from '../../../webview/engine/adapters/node/nodeOrt';
import { downloadModel, type DownloadProgress } from '../../../src/models/node/downloadModel';
import { MANIFEST_NAME } from '../../../src/models/node/modelStore';
import { catalogEntryFor } from './support/catalogEntries';
import { downloadDeps, temporaryStore } from './support/downloadDeps';
import { hubServingTinyLlama, TINY_LLAMA_COMMIT, TINY_LLAMA_ID } from './support/servedFixtures';

const tiny = hubServingTinyLlama();

const never = new AbortController().signal;

describe('downloading a catalog model from the Hub', () => {
  it('lands every file verified in the store, and the engine loads and runs the result', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    const model = catalogEntryFor({ id: TINY_LLAMA_ID, folder: tiny.served.folder });
    const progress: DownloadProgress[] = [];

    const installed = await downloadModel(model, 'q4', downloadDeps(store, tiny.hub.endpoint), never, (p) => progress.push(p));

    assert.equal(installed.commit, TINY_LLAMA_COMMIT);
    assert.deepEqual(installed.precisions, ['q4']);
    const folder = store.folderOf(TINY_LLAMA_ID);
    for (const file of installed.files) {
      assert.deepEqual(await readFile(join(folder, file.path)), await readFile(join(tiny.served.folder, file.path)), file.path);
    }
    const last = progress[progress.length - 1];
    assert.equal(last.doneBytes, last.totalBytes);
    const engine = await loadModel({ ort: nodeOrt(), files: nodeModelFiles(folder), device: 'wasm', dtype: 'q4' });
    t.after(() => engine.dispose());
    const result = await engine.generate({ rawPrompt: 'The sea', maxNewTokens: 3 });
    assert.equal(result.tokenIds.length, 3);
  });

  it('asks the Hub at the commit it first answered with, and follows LFS redirects to the CDN', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    await downloadModel(catalogEntryFor({ id: TINY_LLAMA_ID, folder: tiny.served.folder }), 'q4', downloadDeps(store, tiny.hub.endpoint), never, () => undefined);

    const hubPaths = tiny.hub.requests.filter((r) => r.server === 'hub').map((r) => r.path);
    assert.equal(hubPaths[0], `/${TINY_LLAMA_ID}/resolve/main/config.json`);
    assert.ok(hubPaths.slice(1).every((path) => path.includes(`/resolve/${TINY_LLAMA_COMMIT}/`)), hubPaths.join('\n'));
    const cdnGets = tiny.hub.requests.filter((r) => r.server === 'cdn' && r.method === 'GET');
    assert.equal(cdnGets.length, 1, 'the one ONNX file came from the CDN origin');
  });

  it('sends the token to the Hub but never to the CDN it redirects to', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    await downloadModel(catalogEntryFor({ id: TINY_LLAMA_ID, folder: tiny.served.folder }), 'q4', downloadDeps(store, tiny.hub.endpoint, { token: 'hf_secret' }), never, () => undefined);

    assert.ok(tiny.hub.requests.filter((r) => r.server === 'hub').every((r) => r.authorization === 'Bearer hf_secret'));
    assert.ok(tiny.hub.requests.filter((r) => r.server === 'cdn').every((r) => r.authorization === undefined));
  });

  it('takes an unconfirmed file’s size and digest from the Hub, verifies them and records them', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    const model = catalogEntryFor({ id: TINY_LLAMA_ID, folder: tiny.served.folder, unconfirmed: true });

    const installed = await downloadModel(model, 'q4', downloadDeps(store, tiny.hub.endpoint), never, () => undefined);

    const recorded = JSON.parse(await readFile(join(store.folderOf(TINY_LLAMA_ID), MANIFEST_NAME), 'utf8'));
    assert.deepEqual(recorded.files, installed.files);
    const confirmed = catalogEntryFor({ id: TINY_LLAMA_ID, folder: tiny.served.folder });
    for (const file of [...confirmed.files, ...confirmed.precisions.q4!]) {
      assert.deepEqual(
        installed.files.find((f) => f.path === file.path),
        { path: file.path, size: file.size, digest: file.digest },
      );
    }
  });

  it('adds a second precision on the same commit without fetching the shared files again', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    const model = catalogEntryFor({ id: TINY_LLAMA_ID, folder: tiny.served.folder });
    await downloadModel(model, 'q4', downloadDeps(store, tiny.hub.endpoint), never, () => undefined);
    tiny.hub.requests.length = 0;

    const installed = await downloadModel(model, 'fp32', downloadDeps(store, tiny.hub.endpoint), never, () => undefined);

    assert.deepEqual(installed.precisions, ['q4', 'fp32']);
    assert.deepEqual(
      tiny.hub.requests.filter((r) => r.method === 'GET' && r.server === 'hub').map((r) => r.path),
      [`/${TINY_LLAMA_ID}/resolve/${TINY_LLAMA_COMMIT}/onnx/model.onnx`],
    );
    assert.deepEqual((await store.installed(TINY_LLAMA_ID))?.precisions, ['q4', 'fp32']);
  });

  it('lists the downloaded model with its disk usage, and deleting it frees the store', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    const installed = await downloadModel(catalogEntryFor({ id: TINY_LLAMA_ID, folder: tiny.served.folder }), 'q4', downloadDeps(store, tiny.hub.endpoint), never, () => undefined);

    assert.deepEqual(await store.list(), [installed]);
    const files = installed.files.reduce((sum, file) => sum + file.size, 0);
    assert.ok((await store.diskUsage(TINY_LLAMA_ID)) > files, 'the files and the manifest');
    await store.remove(TINY_LLAMA_ID);
    assert.deepEqual(await store.list(), []);
    assert.equal(await store.diskUsage(TINY_LLAMA_ID), 0);
  });

  it('does nothing when the precision is already downloaded', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    const model = catalogEntryFor({ id: TINY_LLAMA_ID, folder: tiny.served.folder });
    await downloadModel(model, 'q4', downloadDeps(store, tiny.hub.endpoint), never, () => undefined);
    tiny.hub.requests.length = 0;

    await downloadModel(model, 'q4', downloadDeps(store, tiny.hub.endpoint), never, () => undefined);

    assert.deepEqual(tiny.hub.requests, []);
  });
});
