import type * as OrtTypes from 'onnxruntime-web';
import type { Ort } from '../api';
import { floatBytes } from './floatTypes';

type Tensor = OrtTypes.Tensor;

/**
 * Positions [start, start + size) of a [1, positions, ...] tensor, for a prompt run in chunks: on
 * the CPU a view of its data; on the GPU (a VLM's embeddings) a copy into a buffer of its own, as
 * an ORT tensor cannot start inside a buffer, destroyed when the returned tensor is disposed.
 */
export async function tensorPositions(ort: Ort, tensor: Tensor, start: number, size: number): Promise<Tensor> {
  const [, , ...rest] = tensor.dims;
  const dims = [1, size, ...rest];
  const perPosition = rest.reduce((a, b) => a * b, 1);
  if (tensor.location !== 'gpu-buffer') {
    const data = tensor.data as Float32Array | BigInt64Array;
    return new ort.Tensor(tensor.type as 'float32', data.subarray(start * perPosition, (start + size) * perPosition) as Float32Array, dims);
  }
  const bytesPerPosition = perPosition * floatBytes(tensor.type);
  const device = await ort.env.webgpu.device;
  const buffer = device.createBuffer({ size: size * bytesPerPosition, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(tensor.gpuBuffer as GPUBuffer, start * bytesPerPosition, buffer, 0, size * bytesPerPosition);
  device.queue.submit([encoder.finish()]);
  return ort.Tensor.fromGpuBuffer(buffer, { dataType: tensor.type as 'float32' | 'float16', dims, dispose: () => buffer.destroy() });
}
