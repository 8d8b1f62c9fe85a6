import assert from 'node:assert/strict';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { ModelsError } from '../../../src/models/common/modelsError';
import type { DownloadProgress } from '../../../src/models/node/downloadModel';
import { ModelDownloads } from '../../../src/models/node/modelDownloads';
import { catalogEntryFor } from './support/catalogEntries';
import { downloadDeps, temporaryStore } from './support/downloadDeps';
import { hubServingTinyLlama, TINY_LLAMA_ID } from './support/servedFixtures';

const tiny = hubServingTinyLlama();
beforeEach(() => {
  // About 0.8 s for the ONNX file: long enough to act while it downloads.
  tiny.hub.fault(ONNX, { kind: 'slow', bytesPerSecond: 640_000 });
});

const ONNX = 'onnx/model_q4.onnx';
const tinyLlama = () => catalogEntryFor({ id: TINY_LLAMA_ID, folder: tiny.served.folder });
const onnxGets = () => tiny.hub.requests.filter((r) => r.method === 'GET' && r.path.endsWith(ONNX));

/** Resolves once a progress report passes `bytes`. */
function progressPast(bytes: number): { listener: (p: DownloadProgress) => void; reached: Promise<void> } {
  let reach = () => undefined as void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  return { listener: (p) => p.doneBytes > bytes && reach(), reached };
}

describe('downloads shared and cancelled', () => {
  it('cancelling mid-download leaves nothing half-written behind', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    const downloads = new ModelDownloads();
    const cancel = new AbortController();
    const progress = progressPast(100_000);

    const download = downloads.download(tinyLlama(), 'q4', downloadDeps(store, tiny.hub.endpoint), cancel.signal, progress.listener);
    await progress.reached;
    cancel.abort();

    await assert.rejects(download, (e: unknown) => e instanceof ModelsError && e.code === 'cancelled');
    await waitUntil(async () => (await readdir(store.storagePath, { recursive: true }).catch(() => [])).every((entry) => !entry.includes('tiny-llama')));
    assert.equal(await store.installed(TINY_LLAMA_ID), undefined);
  });

  it('a second request in the same window joins the first instead of downloading again', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    const downloads = new ModelDownloads();
    const never = new AbortController().signal;
    const secondProgress: DownloadProgress[] = [];

    const first = downloads.download(tinyLlama(), 'q4', downloadDeps(store, tiny.hub.endpoint), never, () => undefined);
    const second = downloads.download(tinyLlama(), 'q4', downloadDeps(store, tiny.hub.endpoint), never, (p) => secondProgress.push(p));

    assert.deepEqual(await second, await first);
    assert.equal(onnxGets().length, 1);
    assert.ok(secondProgress.some((p) => p.phase === 'downloading' && p.doneBytes > 0));
  });

  it('the second of two requests stops only its own wait when cancelled; the first goes on', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    const downloads = new ModelDownloads();
    const cancelSecond = new AbortController();

    const first = downloads.download(tinyLlama(), 'q4', downloadDeps(store, tiny.hub.endpoint), new AbortController().signal, () => undefined);
    const second = downloads.download(tinyLlama(), 'q4', downloadDeps(store, tiny.hub.endpoint), cancelSecond.signal, () => undefined);
    cancelSecond.abort();

    await assert.rejects(second, (e: unknown) => e instanceof ModelsError && e.code === 'cancelled');
    assert.equal((await first).id, TINY_LLAMA_ID);
  });

  it('another window asking for the same model follows the running download and uses its result', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    // Two windows: separate download registries and Hub clients, one store on disk.
    const windowA = new ModelDownloads();
    const windowB = new ModelDownloads();
    const never = new AbortController().signal;
    const started = progressPast(50_000);
    const followed: DownloadProgress[] = [];

    const first = windowA.download(tinyLlama(), 'q4', downloadDeps(store, tiny.hub.endpoint), never, started.listener);
    await started.reached;
    const second = windowB.download(tinyLlama(), 'q4', downloadDeps(store, tiny.hub.endpoint), never, (p) => followed.push(p));

    const [a, b] = await Promise.all([first, second]);
    assert.equal(b.commit, a.commit);
    assert.equal(onnxGets().length, 1, 'the ONNX file was downloaded once');
    assert.ok(followed.some((p) => p.phase === 'following' && p.doneBytes > 50_000), JSON.stringify(followed.slice(0, 3)));
  });

  it('takes over a lock whose owner is gone', async (t) => {
    const { store, cleanup } = await temporaryStore();
    t.after(cleanup);
    tiny.hub.clearFaults();
    const lock = store.lockPathOf(TINY_LLAMA_ID);
    await mkdir(dirname(lock), { recursive: true });
    // A pid that cannot exist on Linux (above pid_max), with a fresh heartbeat.
    await writeFile(lock, JSON.stringify({ owner: 'gone', pid: 4_194_305, host: hostname(), heartbeatAt: Date.now(), precision: 'q4', doneBytes: 0, totalBytes: 0 }));
    const downloads = new ModelDownloads();

    const installed = await downloads.download(tinyLlama(), 'q4', downloadDeps(store, tiny.hub.endpoint), new AbortController().signal, () => undefined);

    assert.equal(installed.id, TINY_LLAMA_ID);
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 2_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) assert.fail('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
