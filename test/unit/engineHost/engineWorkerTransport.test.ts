import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { LoadSpec } from '../../../src/engineHost/common/engineConnection';
import { EngineHost } from '../../../src/engineHost/common/engineHost';
import type { EngineHostError } from '../../../src/engineHost/common/engineHostError';
import { listModelFiles } from '../../../src/engineHost/node/listModelFiles';
import { NATIVE_UNAVAILABLE } from '../../../src/engineHost/common/chooseEngineRuntime';
import { EngineWorkerTransport } from '../../../src/engineHost/node/engineWorkerTransport';
import { aTextMessage, someSettings } from '../../builders/engineMessages';
import { aCancellationSource, aRecordingLogger } from '../../builders/fakeEngineWebview';
import { engineWorkerBundle } from '../../support/engineWorkerBundle';
import { fixtureModels } from '../../support/fixtureModels';

/**
 * A stand-in worker that speaks the protocol and then dies mid-generation, as a native crash
 * would take the thread down (written out here, so the test needs no hand-made file).
 */
const CRASHING_WORKER = `
const { parentPort } = require('node:worker_threads');
const info = { name: 'crashy', family: 'llama', canReadImages: false, device: 'cpu', dtype: 'q4', contextLength: 64, notices: [] };
parentPort.on('message', (message) => {
  if (message.type === 'load') parentPort.postMessage({ type: 'loaded', info });
  if (message.type === 'generate') process.exit(3);
});
parentPort.postMessage({ type: 'ready', gpu: { available: false, reason: 'a test worker' } });
`;

let bundle: string;
let scratch: string;
let tinyLlama: LoadSpec;
const engines: EngineHost[] = [];

before(async () => {
  bundle = await engineWorkerBundle();
  scratch = await mkdtemp(join(tmpdir(), 'inkwell-worker-'));
  const folder = join(await fixtureModels(), 'tiny-llama');
  // The worker reads the folder from disk: the file server's base URL is never used.
  tinyLlama = { source: { location: folder, baseUrl: 'http://127.0.0.1:9/unused/', files: await listModelFiles(folder) }, device: 'auto', dtype: 'auto' };
});

after(async () => {
  await rm(bundle, { force: true });
  await rm(scratch, { recursive: true, force: true });
});

function anEngine(script: string) {
  const opened: EngineWorkerTransport[] = [];
  const log = aRecordingLogger();
  const engine = new EngineHost(() => {
    const transport = new EngineWorkerTransport({ script, data: { threads: 1 } });
    opened.push(transport);
    return transport;
  }, log);
  engines.push(engine);
  return { engine, opened, log };
}

describe('EngineWorkerTransport', () => {
  afterEach(() => {
    for (const engine of engines.splice(0)) engine.dispose();
  });

  it('runs the engine natively in a worker thread and streams a generation', async () => {
    const { engine } = anEngine(bundle);
    const deltas: string[] = [];
    const outcome = await engine.generate({ model: tinyLlama, messages: [aTextMessage()], settings: someSettings({ maxNewTokens: 8 }) }, (text) => deltas.push(text));
    assert.equal(outcome.generatedTokens, 8);
    assert.equal(deltas.join(''), outcome.text);
    assert.equal(engine.status.kind === 'ready' && engine.status.info.device, 'cpu');
  });

  it('stops a running generation on cancel and answers with the text so far', async () => {
    const { engine } = anEngine(bundle);
    const cancellation = aCancellationSource();
    const deltas: string[] = [];
    const outcome = await engine.generate(
      { model: tinyLlama, messages: [aTextMessage()], settings: someSettings({ maxNewTokens: 1500 }) },
      (text) => {
        deltas.push(text);
        if (deltas.length === 3) cancellation.cancel();
      },
      cancellation.token,
    );
    assert.equal(outcome.finishReason, 'aborted');
    assert.ok(deltas.length < 1500, `${deltas.length} deltas`);
    assert.equal(outcome.text, deltas.join(''));
  });

  it('answers that the native runtime is unavailable, instead of ready, where onnxruntime-node is missing', async () => {
    // Under the temporary folder no node_modules is on the resolution path: the universal .vsix.
    const alone = join(scratch, 'engineWorker.js');
    await copyFile(bundle, alone);
    const transport = new EngineWorkerTransport({ script: alone, data: { threads: 1 } });
    const first = await new Promise<unknown>((resolve) => transport.onMessage(resolve));
    transport.dispose();
    assert.deepEqual(first, {
      type: 'error',
      code: NATIVE_UNAVAILABLE,
      message: `this Inkwell package carries no native runtime; the ${process.platform}-${process.arch} package of Inkwell does`,
    });
  });

  it('fails the request when the worker dies, and loads the model again on a fresh worker', async () => {
    const script = join(scratch, 'crashingWorker.cjs');
    await writeFile(script, CRASHING_WORKER);
    const { engine, opened } = anEngine(script);
    const request = engine.generate({ model: tinyLlama, messages: [aTextMessage()], settings: someSettings() }, () => undefined);
    const error = await request.then(() => assert.fail('expected a rejection'), (e: EngineHostError) => e);
    assert.equal(error.code, 'engine-crashed');
    assert.match(error.message, /exited with code 3/);
    await new Promise<void>((resolve) => engine.onDidChangeStatus((status) => status.kind === 'ready' && resolve()));
    assert.equal(opened.length, 2);
  });
});
