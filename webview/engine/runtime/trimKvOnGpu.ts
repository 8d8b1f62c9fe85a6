import type * as OrtTypes from 'onnxruntime-web';
import type { Ort } from '../api';
import { floatBytes } from './floatTypes';

type Tensor = OrtTypes.Tensor;

/**
 * The first `length` positions of WebGPU-resident cache tensors ([batch, heads, past, headDim]),
 * copied into new buffers on the GPU itself: one copy per (batch, head) row, one submission for
 * all of them. Reading the cache back to the CPU and uploading it again (what the CPU path does)
 * costs a download of the whole cache and a round trip per tensor. Returns undefined when a row
 * is not a multiple of 4 bytes, which copyBufferToBuffer requires; the caller then copies on the CPU.
 */
export async function trimKvOnGpu(ort: Ort, tensors: Record<string, Tensor>, length: number): Promise<Record<string, Tensor> | undefined> {
  const entries = Object.entries(tensors);
  if (entries.some(([, t]) => (t.dims[3] * floatBytes(t.type)) % 4 !== 0)) return undefined;
  const device = await ort.env.webgpu.device;
  const encoder = device.createCommandEncoder();
  const kept: Record<string, Tensor> = {};
  for (const [name, tensor] of entries) {
    const [batch, heads, past, headDim] = tensor.dims;
    const rowBytes = headDim * floatBytes(tensor.type);
    const buffer = device.createBuffer({
      size: batch * heads * length * rowBytes,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
    for (let row = 0; row < batch * heads; row++) {
      encoder.copyBufferToBuffer(tensor.gpuBuffer, row * past * rowBytes, buffer, row * length * rowBytes, length * rowBytes);
    }
    kept[name] = ort.Tensor.fromGpuBuffer(buffer, {
      dataType: tensor.type as 'float32' | 'float16',
      dims: [batch, heads, length, headDim],
      dispose: () => buffer.destroy(),
    });
  }
  device.queue.submit([encoder.finish()]);
  // The old buffers go back to ORT only once the copies out of them have run.
  await device.queue.onSubmittedWorkDone();
  return kept;
}
