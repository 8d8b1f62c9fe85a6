import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { ModelsError, type ModelsErrorCode } from '../../../src/models/common/modelsError';
import { downloadModel } from '../../../src/models/node/downloadModel';
import type { ModelStore } from '../../../src/models/node/modelStore';
import { catalogEntryFor } from './support/catalogEntries';
import { downloadDeps, temporaryStore } from './support/downloadDeps';
import type { Fault } from './support/loopbackHub';
import { hubServingTinyLlama, TINY_LLAMA_ID } from './support/servedFixtures';

const tiny = hubServingTinyLlama();

const never = new AbortController().signal;
const ONNX = 'onnx/model_q4.onnx';
const tinyLlama = () => catalogEntryFor({ id: TINY_LLAMA_ID, folder: tiny.served.folder });

async function download(store: ModelStore, overrides: Parameters<typeof downloadDeps>[2] = {}) {
  return downloadModel(tinyLlama(), 'q4', downloadDeps(store, tiny.hub.endpoint, overrides), never, () => undefined);
}

async function expectFailure(promise: Promise<unknown>, code: ModelsErrorCode, message: RegExp): Promise<ModelsError> {
  const error = await promise.then(
    () => assert.fail('the download succeeded'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ModelsError, String(error));
  assert.equal(error.code, code, error.message);
  assert.match(error.message, message);
  return error;
}

/** Nothing of the model in `models/`: not its folder, not a file of it. */
async function assertNoModelInStore(store: ModelStore): Promise<void> {
  assert.equal(await store.installed(TINY_LLAMA_ID), undefined);
  const inModels = await readdir(`${store.storagePath}/models`, { recursive: true }).catch(() => []);
  assert.deepEqual(inModels, []);
}

describe('a download that meets trouble', () => {
  it('resumes a dropped file from the byte it reached, and the result verifies', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    tiny.hub.fault(ONNX, { kind: 'drop', at: 100_000, times: 1 });

    await download(store);

    const ranges = tiny.hub.requests.filter((r) => r.server === 'cdn' && r.method === 'GET').map((r) => r.range);
    assert.equal(ranges.length, 2);
    assert.equal(ranges[0], undefined);
    // The byte it reached: what was on disk when the connection dropped, at most what was sent.
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(ranges[1] ?? '')?.[1]);
    assert.ok(resumedAt > 0 && resumedAt <= 100_000, `resumed with ${ranges[1]}`);
    assert.deepEqual((await store.installed(TINY_LLAMA_ID))?.precisions, ['q4']);
  });

  it('keeps what a failed download fetched outside the store, and the next download resumes from it', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    tiny.hub.fault(ONNX, { kind: 'drop', at: 100_000, times: 3 });
    await expectFailure(download(store), 'network', /connection to 127\.0\.0\.1:\d+ failed while fetching onnx\/model_q4\.onnx/);
    const kept = await store.unfinishedBytes(TINY_LLAMA_ID);
    await assertNoModelInStore(store);
    tiny.hub.requests.length = 0;

    await download(store);

    const resumedAt = Number(/^bytes=(\d+)-$/.exec(tiny.hub.requests.find((r) => r.server === 'cdn' && r.method === 'GET')?.range ?? '')?.[1]);
    assert.ok(resumedAt > 0 && resumedAt <= kept, `resumed at ${resumedAt} with ${kept} bytes kept`);
    assert.equal(await store.unfinishedBytes(TINY_LLAMA_ID), 0);
  });

  it('deletes a file whose bytes fail the hash check and names it in the error', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    tiny.hub.fault(ONNX, { kind: 'corrupt', at: 1234 });

    const error = await expectFailure(download(store), 'hash-mismatch', /onnx\/model_q4\.onnx of inkwell-test\/tiny-llama failed verification/);

    assert.equal(error.file, ONNX);
    const left = await readdir(store.downloadsOf(TINY_LLAMA_ID), { recursive: true }).catch(() => []);
    assert.ok(!left.some((entry) => entry.includes('model_q4')), `left behind: ${left.join(', ')}`);
    await assertNoModelInStore(store);
  });

  const statuses: Array<{ name: string; fault: Fault; code: ModelsErrorCode; message: RegExp }> = [
    { name: '401 (gated, no token)', fault: { kind: 'status', status: 401 }, code: 'unauthorized', message: /wants a login .* Set a Hugging Face token/ },
    { name: '403 (terms not accepted)', fault: { kind: 'status', status: 403 }, code: 'forbidden', message: /denied access .* accept its terms/ },
    { name: '404 (file not in the repository)', fault: { kind: 'status', status: 404, headers: { 'x-error-code': 'EntryNotFound' } }, code: 'not-found', message: /has no onnx\/model_q4\.onnx at revision/ },
    { name: '429 with a long Retry-After', fault: { kind: 'status', status: 429, method: 'GET', headers: { 'retry-after': '120' } }, code: 'rate-limited', message: /limiting downloads .* Try again in 2 min/ },
    { name: '500 on every try', fault: { kind: 'status', status: 500, method: 'GET' }, code: 'server-error', message: /failed to serve onnx\/model_q4\.onnx .*\(500\)/ },
  ];
  for (const { name, fault, code, message } of statuses) {
    it(`explains a ${name} and leaves no partial model in the store`, async (t) => {
      const { store, cleanup } = await temporaryStore();
      t.after(cleanup);
      tiny.hub.fault(ONNX, fault);

      await expectFailure(download(store), code, message);

      await assertNoModelInStore(store);
    });
  }

  it('waits as long as a 429’s Retry-After asks, then goes on', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    tiny.hub.fault(ONNX, { kind: 'status', status: 429, method: 'GET', headers: { 'retry-after': '1' }, times: 1 });
    const started = Date.now();

    await download(store);

    assert.ok(Date.now() - started >= 1_000, `retried after ${Date.now() - started} ms`);
    assert.ok(await store.installed(TINY_LLAMA_ID));
  });

  it('gives up on a server that stops sending, resuming on each try, and says so', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    tiny.hub.fault(ONNX, { kind: 'stall', at: 50_000 });

    await expectFailure(download(store, { stallTimeoutMs: 300 }), 'stalled', /127\.0\.0\.1:\d+ sent nothing for 0\.3 s/);

    const ranges = tiny.hub.requests.filter((r) => r.server === 'cdn' && r.method === 'GET').map((r) => r.range);
    assert.deepEqual(ranges, [undefined, 'bytes=50000-', 'bytes=50000-']);
    await assertNoModelInStore(store);
  });

  it('refuses a file the Hub describes differently from the catalog, before downloading anything', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    const model = tinyLlama();
    const wrong = { ...model, files: model.files.map((f) => (f.path === 'tokenizer.json' ? { ...f, size: f.size! + 1 } : f)) };

    const error = await expectFailure(
      downloadModel(wrong, 'q4', downloadDeps(store, tiny.hub.endpoint), never, () => undefined),
      'catalog-mismatch',
      /tokenizer\.json in inkwell-test\/tiny-llama@0123456 is not the file Inkwell's catalog describes/,
    );

    assert.equal(error.file, 'tokenizer.json');
    assert.deepEqual(tiny.hub.requests.filter((r) => r.method === 'GET'), []);
  });

  it('checks the disk has room before fetching a byte', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);

    await expectFailure(download(store, { freeBytes: async () => 10e6 }), 'disk-full', /needs [\d.]+ kB more, but the disk .* has 10 MB free/);

    assert.deepEqual(tiny.hub.requests.filter((r) => r.method === 'GET'), []);
  });

  it('makes no request at all in offline mode', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    const deps = downloadDeps(store, tiny.hub.endpoint, { offline: true });

    await expectFailure(downloadModel(tinyLlama(), 'q4', deps, never, () => undefined), 'offline', /offline mode \(inkwell\.hub\.offline\)/);

    assert.deepEqual(tiny.hub.requests, []);
    assert.equal(deps.clientsCreated(), 0);
  });
});
