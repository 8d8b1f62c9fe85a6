import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { LoadSpec } from '../../../src/engineHost/common/engineConnection';
import { EngineHost } from '../../../src/engineHost/common/engineHost';
import type { EngineHostError } from '../../../src/engineHost/common/engineHostError';
import { NATIVE_UNAVAILABLE, type CpuRuntimeSetting, type RuntimeFacts } from '../../../src/engineHost/common/chooseEngineRuntime';
import { EngineRuntimeSwitch } from '../../../src/engineHost/common/engineRuntimeSwitch';
import type { DeviceSetting } from '../../../webview/protocol/engineProtocol';
import { aGpuReport, aLoadedMessage, aModelSource, aTextMessage, someSettings } from '../../builders/engineMessages';
import { aRecordingLogger, fakeWebviews, holdsGenerations, settle, type FakeEngineWebview } from '../../builders/fakeEngineWebview';

const noGpu = { available: false, reason: 'navigator.gpu.requestAdapter() returned no adapter' } as const;
const aJob = (device: DeviceSetting = 'auto') => ({
  model: { source: aModelSource(), device, dtype: 'auto' } satisfies LoadSpec,
  messages: [aTextMessage()],
  settings: someSettings(),
});

const engines: EngineHost[] = [];

interface Setup {
  gpu?: typeof noGpu | ReturnType<typeof aGpuReport>;
  cpuRuntime?: CpuRuntimeSetting;
  native?: Parameters<typeof fakeWebviews>[0];
  /** What the fake worker does as it starts, instead of saying `ready`. */
  nativeStart?: (worker: FakeEngineWebview) => void;
  facts?: RuntimeFacts;
}

/** An EngineHost whose engines are switches over fake webviews and fake native workers. */
function anEngine(setup: Setup = {}) {
  const webviews = fakeWebviews({ gpu: setup.gpu ?? noGpu });
  const natives = fakeWebviews({
    gpu: { available: false, reason: 'the native runtime runs on the CPU' },
    announcesReady: setup.nativeStart === undefined,
    onLoad: (_message, worker) => worker.send(aLoadedMessage({ device: 'cpu' })),
    ...setup.native,
  });
  const log = aRecordingLogger();
  const settings = { cpuRuntime: setup.cpuRuntime ?? 'auto', device: 'auto' as DeviceSetting };
  const facts = setup.facts ?? {};
  const open = () =>
    new EngineRuntimeSwitch({
      openWebview: webviews.factory,
      openNative: () => {
        const worker = natives.factory();
        setup.nativeStart?.(natives.opened.at(-1)!);
        return worker;
      },
      settings: () => settings,
      facts,
      log,
    });
  const engine = new EngineHost(open, log);
  engines.push(engine);
  return { engine, webviews: webviews.opened, natives: natives.opened, log, facts, settings };
}

describe('EngineRuntimeSwitch', () => {
  afterEach(() => {
    for (const engine of engines.splice(0)) engine.dispose();
  });

  it('without WebGPU, closes the probing webview and runs the engine natively', async () => {
    const { engine, webviews, natives, log } = anEngine();
    const outcome = await engine.generate(aJob(), () => undefined);
    assert.equal(outcome.text, 'Hello!');
    assert.equal(webviews.length, 1);
    assert.ok(webviews[0]!.disposed, 'the probing webview is closed');
    assert.deepEqual(webviews[0]!.posted, []);
    assert.deepEqual(natives[0]!.posted.map((message) => message.type), ['load', 'generate']);
    assert.ok(log.lines.some((line) => /native onnxruntime-node.*no WebGPU adapter/.test(line)), log.lines.join('\n'));
    assert.equal(engine.status.kind === 'ready' && engine.status.info.device, 'cpu');
  });

  it('with WebGPU, keeps the webview and starts no worker', async () => {
    const { engine, webviews, natives } = anEngine({ gpu: aGpuReport() });
    await engine.generate(aJob(), () => undefined);
    assert.equal(natives.length, 0);
    assert.deepEqual(webviews[0]!.posted.map((message) => message.type), ['load', 'generate']);
  });

  it('probes the GPU once a session: the next engine goes native without a webview', async () => {
    const first = anEngine();
    await first.engine.generate(aJob(), () => undefined);
    const second = anEngine({ facts: first.facts });
    await second.engine.generate(aJob(), () => undefined);
    assert.equal(second.webviews.length, 0);
    assert.equal(second.natives.length, 1);
  });

  it('"webview" keeps the engine in the webview without WebGPU', async () => {
    const { engine, webviews, natives } = anEngine({ cpuRuntime: 'webview' });
    await engine.generate(aJob(), () => undefined);
    assert.equal(natives.length, 0);
    assert.equal(webviews[0]!.postedOfType('generate').length, 1);
  });

  it('"native" skips the webview even where WebGPU is available', async () => {
    const { engine, webviews, natives } = anEngine({ cpuRuntime: 'native', gpu: aGpuReport() });
    await engine.generate(aJob(), () => undefined);
    assert.equal(webviews.length, 0);
    assert.equal(natives[0]!.postedOfType('generate').length, 1);
  });

  it('falls back to the webview, with a notice on the model, when onnxruntime-node does not load', async () => {
    const { engine, webviews, natives, facts } = anEngine({
      cpuRuntime: 'native',
      nativeStart: (worker) => worker.send({ type: 'error', code: NATIVE_UNAVAILABLE, message: 'Cannot find module onnxruntime_binding.node' }),
    });
    await engine.generate(aJob(), () => undefined);
    assert.ok(natives[0]!.disposed);
    assert.equal(webviews[0]!.postedOfType('generate').length, 1);
    assert.equal(engine.status.kind, 'ready');
    const notices = engine.status.kind === 'ready' ? engine.status.info.notices : [];
    assert.match(notices.join('\n'), /native CPU runtime \(onnxruntime-node\) could not start here \(Cannot find module onnxruntime_binding\.node\)/);
    assert.match(facts.nativeFailure ?? '', /onnxruntime_binding/);
  });

  it('treats a worker that dies before it is ready as a native runtime that does not load', async () => {
    const { engine, webviews } = anEngine({
      nativeStart: (worker) => setImmediate(() => worker.close({ kind: 'crashed', reason: 'the engine worker exited with code 1' })),
      facts: { gpu: noGpu },
    });
    await engine.generate(aJob(), () => undefined);
    assert.equal(webviews[0]!.postedOfType('generate').length, 1);
  });

  it('fails the running request when the worker crashes, and brings the model back up on a fresh worker', async () => {
    const { engine, natives } = anEngine({ native: holdsGenerations, facts: { gpu: noGpu } });
    const request = engine.generate(aJob(), () => undefined);
    await settle();
    natives[0]!.close({ kind: 'crashed', reason: 'the engine worker failed: boom' });
    const error = await request.then(() => assert.fail('expected a rejection'), (e: EngineHostError) => e);
    assert.equal(error.code, 'engine-crashed');
    assert.match(error.message, /the engine worker failed: boom/);
    await settle();
    assert.equal(natives.length, 2);
    assert.equal(natives[1]!.postedOfType('load').length, 1);
    assert.equal(engine.status.kind, 'ready');
  });

  it('moves a webview engine to a worker when inkwell.device becomes "wasm"', async () => {
    const { engine, webviews, natives, settings } = anEngine({ gpu: aGpuReport() });
    await engine.generate(aJob(), () => undefined);
    settings.device = 'wasm';
    await engine.generate(aJob('wasm'), () => undefined);
    assert.ok(webviews[0]!.disposed);
    assert.equal(natives[0]!.postedOfType('generate').length, 1);
  });
});
