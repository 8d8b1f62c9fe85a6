/**
 * Runs image/gpu/preprocessOnGpu.ts and the CPU path side by side in the page, on seeded noise
 * images made here (tens of MB of pixels would be slow to pass in), and compares the bits.
 * Exposed through enginePage.ts.
 */
import { differingFloatBits } from '../../../builders/floatBits';
import { noiseImage } from '../../../builders/noiseImage';
import { preprocessIdefics3Images, type Idefics3ImageInputs, type Idefics3ProcessorConfig } from '../../../../webview/engine/image/idefics3ImageProcessor';
import { preprocessIdefics3ImagesOnGpu } from '../../../../webview/engine/image/gpu/preprocessOnGpu';

export interface ImageSpec {
  width: number;
  height: number;
  channels: 3 | 4;
  seed: number;
}

export interface ImagePreprocessingRequest {
  images: ImageSpec[];
  config: Record<string, unknown>;
}

export type ImagePreprocessingResult =
  | {
      ok: true;
      gpu: { dims: number[]; maskDims: number[]; grids: Array<{ rows: number; cols: number }>; maskAllOnes: boolean };
      cpu: { dims: number[]; grids: Array<{ rows: number; cols: number }> };
      values: number;
      /** Values whose float32 bits differ, and the first of them. */
      differing: number;
      firstDifference: string | null;
    }
  | { ok: false; message: string };

export async function runImagePreprocessing(request: ImagePreprocessingRequest): Promise<ImagePreprocessingResult> {
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) return { ok: false, message: 'no WebGPU adapter' };
  const device = await adapter.requestDevice();
  device.pushErrorScope('validation');
  try {
    const images = request.images.map(({ width, height, channels, seed }) => noiseImage(width, height, channels, seed));
    const config = request.config as Idefics3ProcessorConfig;
    const gpu: Idefics3ImageInputs = await preprocessIdefics3ImagesOnGpu(device, images, config);
    const cpu = preprocessIdefics3Images(images, config);
    const invalid = await device.popErrorScope();
    if (invalid) return { ok: false, message: invalid.message };
    return {
      ok: true,
      gpu: { dims: [...gpu.pixelValuesDims], maskDims: [...gpu.pixelAttentionMaskDims], grids: [...gpu.grids], maskAllOnes: gpu.pixelAttentionMask.every((v) => v === 1) },
      cpu: { dims: [...cpu.pixelValuesDims], grids: [...cpu.grids] },
      values: cpu.pixelValues.length,
      ...differingFloatBits(gpu.pixelValues, cpu.pixelValues),
    };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) };
  } finally {
    device.destroy();
  }
}
