/**
 * Whether this device and ORT build replay a captured decode step right, checked on one
 * GroupQueryAttention at the model's head shape before the engine captures a decoder. A captured
 * step takes other kernels than an uncaptured one (the attention reads the fill from `seqlens_k`
 * on the GPU, dispatched indirectly), and its replays bind what the first run bound: a wrong
 * kernel or binding would write nonsense without failing. So the check captures a step over a
 * cache bound in place, replays it at longer fills across the kernels' 64-position tiles, and
 * compares each with attention computed here in float64; an ORT build without our fix to its
 * replayed outputs (scripts/ortGraphCapturePatch.ts) throws there and fails it too.
 */
import type * as OrtTypes from 'onnxruntime-web';
import type { Ort } from '../../api';
import { float32ToFloat16 } from '../float16';
import { bindingSize, floatBytes } from '../floatTypes';
import { lastRow } from '../lastLogits';
import { REPLAYED_STEP_OPTIONS } from '../replayedDecodeStep';
import { attentionModel, referenceAttention, seededInputs, TOLERANCE, type AttentionShape } from './groupQueryAttentionWorks';

/** The fill of the first (captured) step, then of the replayed ones. */
const FILLS = [5, 70, 126];
const CAPACITY = 128;

export async function replayedStepWorks(ort: Ort, shape: AttentionShape): Promise<boolean> {
  let session: OrtTypes.InferenceSession | undefined;
  const buffers: GPUBuffer[] = [];
  try {
    // ORT makes its device with its first WebGPU session.
    session = await ort.InferenceSession.create(attentionModel(shape), REPLAYED_STEP_OPTIONS);
    const device = await ort.env.webgpu.device;
    const { numHeads, kvHeads, headDim, dtype } = shape;
    const elementBytes = floatBytes(dtype);
    const buffer = (elements: number, usage = 0) => {
      const made = device.createBuffer({ size: bindingSize(elements * elementBytes), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | usage });
      buffers.push(made);
      return made;
    };
    const [query, key, value] = [numHeads, kvHeads, kvHeads].map((heads) => buffer(heads * headDim));
    const [pastKey, pastValue] = [buffer(kvHeads * CAPACITY * headDim), buffer(kvHeads * CAPACITY * headDim)];
    const [seqlens, total, output] = [buffer(1), buffer(1), buffer(numHeads * headDim, GPUBufferUsage.COPY_SRC)];
    const tensor = (gpuBuffer: GPUBuffer, dataType: 'float32' | 'float16' | 'int32', dims: number[]) => ort.Tensor.fromGpuBuffer(gpuBuffer, { dataType, dims });
    const cache = [1, kvHeads, CAPACITY, headDim];
    const feeds = {
      query: tensor(query, dtype, [1, 1, numHeads * headDim]),
      key: tensor(key, dtype, [1, 1, kvHeads * headDim]),
      value: tensor(value, dtype, [1, 1, kvHeads * headDim]),
      past_key: tensor(pastKey, dtype, cache),
      past_value: tensor(pastValue, dtype, cache),
      seqlens_k: tensor(seqlens, 'int32', [1]),
      total_sequence_length: tensor(total, 'int32', []),
    };
    const fetches = { output: tensor(output, dtype, [1, 1, numHeads * headDim]), present_key: feeds.past_key, present_value: feeds.past_value };
    const inType = (values: Float32Array<ArrayBuffer>) => (dtype === 'float16' ? float32ToFloat16(values) : values);
    for (const [index, fill] of FILLS.entries()) {
      const inputs = seededInputs(shape, fill, 1, index + 1);
      device.queue.writeBuffer(query, 0, inType(inputs.query));
      device.queue.writeBuffer(key, 0, inType(inputs.key));
      device.queue.writeBuffer(value, 0, inType(inputs.value));
      for (let head = 0; head < kvHeads; head++) {
        const rows = (all: Float32Array<ArrayBuffer>) => inType(all.slice(head * fill * headDim, (head + 1) * fill * headDim));
        device.queue.writeBuffer(pastKey, head * CAPACITY * headDim * elementBytes, rows(inputs.pastKey));
        device.queue.writeBuffer(pastValue, head * CAPACITY * headDim * elementBytes, rows(inputs.pastValue));
      }
      device.queue.writeBuffer(seqlens, 0, Int32Array.of(fill));
      device.queue.writeBuffer(total, 0, Int32Array.of(fill + 1));
      await session.run(feeds, fetches);
      // The output is one row, [1, 1, heads * head_dim].
      const actual = await lastRow(ort, fetches.output);
      const expected = referenceAttention(shape, inputs, fill, 1);
      if (!expected.every((v, i) => Math.abs(v - actual[i]!) <= TOLERANCE[dtype])) return false;
    }
    return true;
  } catch {
    return false;
  } finally {
    await session?.release();
    for (const made of buffers) made.destroy();
  }
}
