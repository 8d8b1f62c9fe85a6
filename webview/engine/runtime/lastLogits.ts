import type * as OrtTypes from 'onnxruntime-web';
import type { Ort } from '../api';
import { float16ToFloat32 } from './float16';
import { floatBytes } from './floatTypes';

type Tensor = OrtTypes.Tensor;

/**
 * The last position's logits as float32, then the tensor is released. A prefill's logits hold
 * every position ([1, N, vocab]: 200 MB at N = 1024 for a 49k vocabulary), so on WebGPU they stay
 * on the GPU and only the last row is copied out, instead of ORT downloading all of them.
 */
export async function lastLogits(ort: Ort, logits: Tensor): Promise<Float32Array> {
  try {
    return await lastRow(ort, logits);
  } finally {
    logits.dispose();
  }
}

/** The last position's logits as float32, the tensor left as it is. */
export async function lastRow(ort: Ort, logits: Tensor): Promise<Float32Array> {
  const vocab = logits.dims[logits.dims.length - 1];
  const row = logits.location === 'gpu-buffer' ? await readLastRowFromGpu(ort, logits, vocab) : lastRowOnCpu(logits, vocab);
  return row instanceof Float32Array ? row : float16ToFloat32(row);
}

function lastRowOnCpu(logits: Tensor, vocab: number): Float32Array | Uint16Array {
  const data = logits.data as Float32Array | Uint16Array;
  return data instanceof Float32Array ? data.slice(data.length - vocab) : data.slice(data.length - vocab);
}

async function readLastRowFromGpu(ort: Ort, logits: Tensor, vocab: number): Promise<Float32Array | Uint16Array> {
  const device = await ort.env.webgpu.device;
  const elementBytes = floatBytes(logits.type);
  const elements = logits.dims.reduce((a, b) => a * b, 1);
  const start = (elements - vocab) * elementBytes;
  // copyBufferToBuffer wants offsets and sizes in multiples of 4 (a float16 row may start mid-word).
  const alignedStart = start - (start % 4);
  const size = Math.ceil((start + vocab * elementBytes - alignedStart) / 4) * 4;
  const staging = device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  try {
    const encoder = device.createCommandEncoder();
    encoder.copyBufferToBuffer(logits.gpuBuffer, alignedStart, staging, 0, size);
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const bytes = staging.getMappedRange().slice(start - alignedStart, start - alignedStart + vocab * elementBytes);
    return elementBytes === 2 ? new Uint16Array(bytes) : new Float32Array(bytes);
  } finally {
    staging.destroy();
  }
}
