/**
 * The bookkeeping of weights shared between sessions (sharedGpuWeights.ts), on a stand-in ORT and
 * GPU device: what each session shows and is fed, when the buffers go, and a GPU out of memory.
 * sharedDecoderWeights.test.ts runs the real thing on Dawn.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as onnxProto from 'onnx-proto';
import type { Ort } from '../../../webview/engine/api';
import { isEngineError } from '../../../webview/engine/errors';
import { SharedGpuWeights } from '../../../webview/engine/runtime/sharedGpuWeights';
import { liftWeights } from '../../../webview/engine/runtime/webgpuGraph/liftWeights';
import { memoryLimitedDevice } from '../../builders/memoryLimitedDevice';
import { fixtureModels } from '../../support/fixtureModels';

const { onnx } = onnxProto;

/** An ORT whose sessions record their feeds, on a device with `memory` bytes. */
function fakeOrt(memory = Infinity) {
  const { device, buffers } = memoryLimitedDevice(memory);
  const runs: Record<string, unknown>[] = [];
  let released = 0;
  const session = (graph: Uint8Array) => {
    const inputNames = onnx.ModelProto.decode(graph).graph!.input!.map((input) => input.name!);
    return {
      inputNames,
      outputNames: ['logits'],
      inputMetadata: inputNames.map((name) => ({ name, isTensor: true, type: 'float32', shape: [] })),
      outputMetadata: [],
      run: async (feeds: Record<string, unknown>) => {
        runs.push(feeds);
        return {};
      },
      release: async () => void released++,
    };
  };
  const ort = {
    env: { webgpu: { device: Promise.resolve(device) } },
    InferenceSession: { create: async (graph: Uint8Array) => session(graph) },
    Tensor: { fromGpuBuffer: (buffer: unknown, { dims }: { dims: number[] }) => ({ buffer, dims }) },
  } as unknown as Ort;
  return { ort, buffers, runs, released: () => released };
}

describe('weights shared between sessions', () => {
  let bytes: Uint8Array;
  let weightNames: string[];
  let fileInputs: string[];
  before(async () => {
    Object.assign(globalThis, { GPUBufferUsage: { STORAGE: 128, COPY_SRC: 4, COPY_DST: 8 } });
    bytes = await readFile(join(await fixtureModels(), 'tiny-llama', 'onnx', 'model_q4.onnx'));
    weightNames = liftWeights(bytes)!.weights.map((w) => w.name);
    fileInputs = onnx.ModelProto.decode(bytes).graph!.input!.map((input) => input.name!);
  });
  after(() => delete (globalThis as { GPUBufferUsage?: unknown }).GPUBufferUsage);
  const share = (ort: Ort) => SharedGpuWeights.lift(ort, bytes)!;

  it('uploads the weights once, hides them from each session’s inputs, and feeds them on every run', async () => {
    const fake = fakeOrt();
    const weights = share(fake.ort);
    const [first, second] = [await weights.session({}), await weights.session({})];
    assert.equal(fake.buffers.length, weightNames.length, 'one buffer a weight, for both sessions');
    assert.ok(fake.buffers.every((b) => b.size % 4 === 0 && b.written === b.size), 'each written whole, padded to 4 bytes');
    assert.deepEqual(first.inputNames, fileInputs);
    assert.deepEqual(second.inputMetadata.map((m) => m.name), fileInputs);
    await first.run({ input_ids: 'ids' } as never);
    await second.run({ input_ids: 'ids' } as never);
    for (const feeds of fake.runs) assert.deepEqual(Object.keys(feeds).sort(), ['input_ids', ...weightNames].sort());
    assert.equal((fake.runs[0] as Record<string, { buffer: unknown }>)[weightNames[0]!]!.buffer, (fake.runs[1] as Record<string, { buffer: unknown }>)[weightNames[0]!]!.buffer);
  });

  it('destroys the buffers when the last session is released, once', async () => {
    const fake = fakeOrt();
    const weights = share(fake.ort);
    const [first, second] = [await weights.session({}), await weights.session({})];
    await first.release();
    await first.release();
    assert.ok(fake.buffers.every((b) => !b.destroyed), 'the second session still reads them');
    await second.release();
    assert.ok(fake.buffers.every((b) => b.destroyed));
    assert.equal(fake.released(), 2);
  });

  it('fails with the engine’s out-of-memory error, its session released and its buffers destroyed, where the GPU has no room', async () => {
    const fake = fakeOrt(1024);
    const weights = share(fake.ort);
    await assert.rejects(weights.session({}), (error) => isEngineError(error) && error.code === 'out-of-memory' && /uploading the decoder's weights/.test(error.message));
    assert.equal(fake.released(), 1);
    assert.ok(fake.buffers.length > 0 && fake.buffers.every((b) => b.destroyed));
  });
});
