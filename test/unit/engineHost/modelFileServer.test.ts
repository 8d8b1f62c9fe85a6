import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listModelFiles } from '../../../src/engineHost/node/listModelFiles';
import { ModelFileServer } from '../../../src/engineHost/node/modelFileServer';
import type { ModelFileEntry } from '../../../webview/protocol/engineProtocol';
import { aRecordingLogger } from '../../builders/fakeEngineWebview';

describe('ModelFileServer', () => {
  let folder: string;
  let server: ModelFileServer;
  let base: string;
  let files: ModelFileEntry[];

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'inkwell-model-'));
    await mkdir(join(folder, 'onnx'));
    await mkdir(join(folder, '.cache'));
    await writeFile(join(folder, 'config.json'), '{"model_type":"llama"}');
    await writeFile(join(folder, 'onnx', 'model q4.onnx'), new Uint8Array(100_000).fill(7));
    await writeFile(join(folder, '.cache', 'lock'), 'x');
    await writeFile(join(folder, 'secret.txt'), 'not listed');
    server = await ModelFileServer.start(aRecordingLogger());
    files = (await listModelFiles(folder)).filter((file) => file.path !== 'secret.txt');
    base = server.origin + server.share(folder, files);
  });

  after(async () => {
    server.dispose();
    await rm(folder, { recursive: true });
  });

  it('lists files with relative slash paths and sizes, skipping hidden folders', async () => {
    assert.deepEqual(await listModelFiles(folder), [
      { path: 'config.json', size: 22 },
      { path: 'onnx/model q4.onnx', size: 100_000 },
      { path: 'secret.txt', size: 10 },
    ]);
  });

  it('listens on loopback only', () => {
    assert.match(server.origin, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves a listed file with its length, to any origin', async () => {
    const response = await fetch(`${base}onnx/model%20q4.onnx`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-length'), '100000');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const bytes = new Uint8Array(await response.arrayBuffer());
    assert.equal(bytes.length, 100_000);
    assert.ok(bytes.every((byte) => byte === 7));
  });

  it('answers HEAD with the length and no body', async () => {
    const response = await fetch(`${base}config.json`, { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-length'), '22');
  });

  it('refuses a file that is in the folder but not in the listing', async () => {
    assert.equal((await fetch(`${base}secret.txt`)).status, 404);
  });

  it('refuses paths that climb out of the folder', async () => {
    assert.equal((await fetch(`${base}onnx/%2E%2E/secret.txt`)).status, 404);
    assert.equal((await fetch(`${base}..%2Fsecret.txt`)).status, 404);
  });

  it('refuses requests without the token', async () => {
    const withoutToken = base.replace(/\/[0-9a-f]{32}\//, '/00000000000000000000000000000000/');
    assert.equal((await fetch(`${withoutToken}config.json`)).status, 404);
    assert.equal((await fetch(`${server.origin}config.json`)).status, 404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    assert.equal((await fetch(`${base}config.json`, { method: 'POST' })).status, 404);
  });

  it('keeps the path of a folder shared again', () => {
    assert.equal(server.share(folder, files), base.slice(server.origin.length));
  });
});
