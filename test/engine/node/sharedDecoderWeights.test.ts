/**
 * The decoder's two WebGPU sessions, the one that runs prompts and the one whose decode steps are
 * replayed from a capture, read one copy of its weights (sharedGpuWeights.ts), on Dawn in Node
 * over SwiftShader (Chromium's CPU Vulkan driver): what each session allocates on the GPU as it is
 * created is counted, the weights' buffers are freed with the model, and the ids are the wasm
 * engine's. Where the backend refuses the graph with its weights as inputs, each session gets its
 * own copy, as before the sharing.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as onnxProto from 'onnx-proto';
import type { Ort } from '../../../webview/engine/api';
import { nodeModelFiles } from '../../../webview/engine/adapters/node/nodeModelFiles';
import { loadModel } from '../../../webview/engine';
import { liftWeights } from '../../../webview/engine/runtime/webgpuGraph/liftWeights';
import { webgpuOrt } from '../../../scripts/bench/node/webgpuOrt';
import { countGpuBufferBytes } from '../../../scripts/bench/protocol/gpuBufferBytes';
import { fixtureModels } from '../../support/fixtureModels';
import { traceDecoderRuns } from '../browser/page/decoderRunTrace';

const { onnx } = onnxProto;
const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';
const MESSAGE = 'Write a short note about the sea.';

describe('the decoder sessions on WebGPU share its weights (Dawn on SwiftShader)', { skip: existsSync(SWIFTSHADER) ? false : `no ${SWIFTSHADER}: install Debian's chromium` }, () => {
  let ort: Ort;
  let live: () => number;
  let modelDir: string;
  before(async () => {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER;
    process.env.XDG_RUNTIME_DIR ??= tmpdir();
    ort = await webgpuOrt();
    live = countGpuBufferBytes()!.live;
    modelDir = join(await fixtureModels(), 'tiny-llama');
  });

  it('allocates the weights once for both, replays its steps, frees them with the model, and gives the wasm ids', async (t) => {
    const weightBytes = liftWeights(readFileSync(join(modelDir, 'onnx', 'model_q4.onnx')))!.weights.reduce((sum, w) => sum + w.data.length, 0);
    const created: { replayed: boolean; bytes: number }[] = [];
    const sessions = ort.InferenceSession as unknown as { create: (...args: unknown[]) => Promise<unknown> };
    const create = sessions.create;
    sessions.create = async (...args: unknown[]) => {
      const before = live();
      const session = await create.apply(sessions, args);
      const replayed = (args[1] as { enableGraphCapture?: boolean } | undefined)?.enableGraphCapture === true;
      created.push({ replayed, bytes: live() - before });
      return session;
    };
    const trace = traceDecoderRuns(ort);
    const atStart = live();
    let ids: number[];
    try {
      const model = await loadModel({ ort, files: nodeModelFiles(modelDir), device: 'webgpu', dtype: 'q4', allowFallback: false });
      const loaded = live() - atStart;
      const result = await model.generate({ messages: [{ role: 'user', content: MESSAGE }], maxNewTokens: 12, sampling: { temperature: 0 } });
      ids = result.tokenIds;
      await model.dispose();
      // The weights were allocated once in all, with the first of the two sessions, not by either.
      const replayedStep = created.filter((c) => c.replayed);
      t.diagnostic(`weights ${weightBytes} bytes; sessions allocated ${created.map((c) => c.bytes).join(', ')}; the loaded model held ${loaded}`);
      assert.equal(replayedStep.length, 2, 'the device check and the decoder made a session each for replayed steps');
      assert.ok(replayedStep.at(-1)!.bytes < weightBytes / 10, `the replayed step's session allocated ${replayedStep.at(-1)!.bytes} bytes, the weights are ${weightBytes}`);
      assert.ok(loaded < 2 * weightBytes, `the loaded model holds ${loaded} bytes on the GPU for ${weightBytes} bytes of weights`);
      assert.ok(trace.runs.filter((run) => run.replayed).length >= 10, JSON.stringify(trace.runs));
      assert.ok(live() - atStart <= 0, `${live() - atStart} bytes left on the GPU after dispose`);
    } finally {
      // The trace wrapped this test's create: it goes first.
      trace.stop();
      sessions.create = create;
    }
    assert.deepEqual(ids, await wasmIds());
  });

  it('gives each session its own copy where the backend refuses the graph with its weights as inputs', async () => {
    const { weights } = liftWeights(readFileSync(join(modelDir, 'onnx', 'model_q4.onnx')))!;
    const weightNames = new Set(weights.map((w) => w.name));
    const weightBytes = weights.reduce((sum, w) => sum + w.data.length, 0);
    const sessions = ort.InferenceSession as unknown as { create: (model: Uint8Array, ...rest: unknown[]) => Promise<unknown> };
    const create = sessions.create;
    let refused = 0;
    sessions.create = async (model: Uint8Array, ...rest: unknown[]) => {
      if (onnx.ModelProto.decode(model).graph!.input!.some((input) => weightNames.has(input.name!))) {
        refused++;
        throw new Error('refused');
      }
      return create.call(sessions, model, ...rest);
    };
    const trace = traceDecoderRuns(ort);
    const atStart = live();
    try {
      const model = await loadModel({ ort, files: nodeModelFiles(modelDir), device: 'webgpu', dtype: 'q4', allowFallback: false });
      const loaded = live() - atStart;
      const result = await model.generate({ messages: [{ role: 'user', content: MESSAGE }], maxNewTokens: 12, sampling: { temperature: 0 } });
      await model.dispose();
      assert.equal(refused, 1);
      assert.ok(loaded >= 2 * weightBytes, `the loaded model holds ${loaded} bytes on the GPU for ${weightBytes} bytes of weights`);
      assert.ok(trace.runs.filter((run) => run.replayed).length >= 10, JSON.stringify(trace.runs));
      assert.ok(live() - atStart <= 0, `${live() - atStart} bytes left on the GPU after dispose`);
      assert.deepEqual(result.tokenIds, await wasmIds());
    } finally {
      // The trace wrapped this test's create: it goes first.
      trace.stop();
      sessions.create = create;
    }
  });

  /** The wasm engine's greedy ids for MESSAGE. */
  async function wasmIds(): Promise<number[]> {
    const onWasm = await loadModel({ ort, files: nodeModelFiles(modelDir), device: 'wasm', dtype: 'q4', allowFallback: false });
    return (await onWasm.generate({ messages: [{ role: 'user', content: MESSAGE }], maxNewTokens: 12, sampling: { temperature: 0 } }).finally(() => onWasm.dispose())).tokenIds;
  }
});
