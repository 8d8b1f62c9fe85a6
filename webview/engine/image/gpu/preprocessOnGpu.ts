import type { RawImage } from '../../api';
import { resolveIdefics3ImageSettings, type Idefics3ProcessorConfig } from '../idefics3ImageConfig';
import { preprocessIdefics3Images, type Idefics3ImageInputs } from '../idefics3ImageProcessor';
import { encodeImage } from './encodeImage';
import { imagePipelines } from './imagePipelines';
import { ImagePasses } from './imagePasses';
import { largestBinding, planImage } from './imagePlan';
import { normalizeTable } from './normalizeTable';

async function readBack(device: GPUDevice, buffer: GPUBuffer, bytes: number): Promise<Float32Array> {
  const staging = device.createBuffer({ size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  try {
    const encoder = device.createCommandEncoder();
    encoder.copyBufferToBuffer(buffer, 0, staging, 0, bytes);
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    return new Float32Array(staging.getMappedRange().slice(0));
  } finally {
    staging.destroy();
  }
}

/** The inputs with `pixelValues` left on the GPU: a buffer the caller destroys once the vision encoder has read it. */
export type Idefics3GpuImageInputs = Omit<Idefics3ImageInputs, 'pixelValues'> & { readonly pixelValues: GPUBuffer };

/**
 * `preprocessIdefics3Images` with the per-pixel work in WGSL on `device`, bit for bit the same
 * result: kernels, taps and the normalize table are computed on the CPU by the same functions
 * (see docs/image-preprocessing.md). `pixelValues` stays on the device, for the vision encoder to
 * take as it is. A prompt whose buffers would exceed the device's storage binding limit is left
 * to the CPU path (`pixelValues` then a Float32Array).
 */
export async function preprocessIdefics3ImagesToGpu(
  device: GPUDevice,
  images: readonly RawImage[],
  preprocessorConfig: Idefics3ProcessorConfig,
): Promise<Idefics3GpuImageInputs | Idefics3ImageInputs> {
  if (images.length === 0) throw new RangeError('preprocessIdefics3Images needs at least one image');
  const settings = resolveIdefics3ImageSettings(preprocessorConfig);
  const plans = images.map((image) => planImage(image, settings));
  const side = settings.tileSize;
  const frameLength = 3 * side * side;
  const frames = plans.reduce((sum, plan) => sum + plan.frames, 0);
  const limit = device.limits.maxStorageBufferBindingSize;
  if (frames * frameLength * 4 > limit || plans.some((plan) => largestBinding(plan) > limit)) return preprocessIdefics3Images(images, preprocessorConfig);

  const pipelines = imagePipelines(device);
  const table = normalizeTable(settings);
  // The usage onnxruntime-web asks of a buffer it takes as a tensor (Tensor.fromGpuBuffer).
  const pixelValues = device.createBuffer({ size: frames * frameLength * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
  try {
    const passes = new ImagePasses(device);
    let offset = 0;
    for (const plan of plans) {
      encodeImage(passes, pipelines, plan, table, { pixelValues, offset, tileSize: side });
      passes.submit();
      offset += plan.frames * frameLength;
    }
  } catch (error) {
    pixelValues.destroy();
    throw error;
  }
  return {
    pixelValues,
    pixelValuesDims: [1, frames, 3, side, side],
    pixelAttentionMask: new Uint8Array(frames * side * side).fill(1),
    pixelAttentionMaskDims: [1, frames, side, side],
    grids: plans.map((plan) => plan.grid),
  };
}

/** `preprocessIdefics3ImagesToGpu` read back: the same result as `preprocessIdefics3Images`. */
export async function preprocessIdefics3ImagesOnGpu(
  device: GPUDevice,
  images: readonly RawImage[],
  preprocessorConfig: Idefics3ProcessorConfig,
): Promise<Idefics3ImageInputs> {
  const inputs = await preprocessIdefics3ImagesToGpu(device, images, preprocessorConfig);
  if (inputs.pixelValues instanceof Float32Array) return inputs as Idefics3ImageInputs;
  const buffer = inputs.pixelValues;
  try {
    return { ...inputs, pixelValues: await readBack(device, buffer, buffer.size) };
  } finally {
    buffer.destroy();
  }
}
