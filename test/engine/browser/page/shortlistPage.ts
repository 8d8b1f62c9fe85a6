/**
 * Runs runtime/shortlistOnGpu.ts alone in the page, on logits buffers the test crafts, so that its
 * ties, float16 packing and edge values are checked without a model. Exposed through enginePage.ts.
 */
import type { Ort } from '../../../../webview/engine/api';
import { ShortlistOnGpu, type LogitsDtype } from '../../../../webview/engine/runtime/shortlistOnGpu';

export interface ShortlistPageRequest {
  dtype: LogitsDtype;
  vocab: number;
  /** Steps run one after another on the same ShortlistOnGpu, as a generation's steps do. */
  steps: Array<{
    /** N in [1, N, vocab]. */
    rows: number;
    /** The buffer's contents as u32 words: float32 bits, or float16 bits packed two to a word, low half first. */
    words: number[];
    askedIds: number[];
  }>;
}

export type ShortlistPageResult = { ok: true; shortlists: Array<{ ids: number[]; logits: number[] }> } | { ok: false; message: string };

export async function runShortlist(request: ShortlistPageRequest): Promise<ShortlistPageResult> {
  const ort = (await import('onnxruntime-web/webgpu')) as Ort;
  // A device of its own: ORT makes one only with its first WebGPU session, and this page runs none.
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) return { ok: false, message: 'no WebGPU adapter' };
  const device = await adapter.requestDevice();
  device.pushErrorScope('validation');
  const shortlister = new ShortlistOnGpu(device, request.dtype, request.vocab);
  const shortlists: Array<{ ids: number[]; logits: number[] }> = [];
  try {
    for (const step of request.steps) {
      const buffer = device.createBuffer({ size: step.words.length * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
      device.queue.writeBuffer(buffer, 0, Uint32Array.from(step.words));
      const logits = ort.Tensor.fromGpuBuffer(buffer, { dataType: request.dtype, dims: [1, step.rows, request.vocab], dispose: () => buffer.destroy() });
      const { ids, logits: values } = await shortlister.shortlist(logits, step.askedIds);
      logits.dispose();
      shortlists.push({ ids: [...ids], logits: [...values] });
    }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  } finally {
    shortlister.dispose();
  }
  const invalid = await device.popErrorScope();
  device.destroy();
  return invalid ? { ok: false, message: invalid.message } : { ok: true, shortlists };
}
