import { BILINEAR_WGSL } from './bilinearShader';
import { NORMALIZE_WGSL } from './normalizeShader';
import { RESAMPLE_WGSL } from './resampleShader';
import { TILE_WGSL } from './tileShader';

/** The compute pipelines of the image passes, each with its bind group layout from `layout: 'auto'`. */
export interface ImagePipelines {
  readonly resampleRows: GPUComputePipeline;
  readonly resampleColumns: GPUComputePipeline;
  readonly normalize: GPUComputePipeline;
  readonly resizeBilinear: GPUComputePipeline;
  readonly cutTiles: GPUComputePipeline;
}

/** Compiling takes longer than a small image's passes, so each device compiles once. */
const cache = new WeakMap<GPUDevice, ImagePipelines>();

export function imagePipelines(device: GPUDevice): ImagePipelines {
  let pipelines = cache.get(device);
  if (!pipelines) {
    const pipeline = (code: string, entryPoint: string) =>
      device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code }), entryPoint } });
    pipelines = {
      resampleRows: pipeline(RESAMPLE_WGSL, 'resampleRows'),
      resampleColumns: pipeline(RESAMPLE_WGSL, 'resampleColumns'),
      normalize: pipeline(NORMALIZE_WGSL, 'normalize'),
      resizeBilinear: pipeline(BILINEAR_WGSL, 'resizeBilinear'),
      cutTiles: pipeline(TILE_WGSL, 'cutTiles'),
    };
    cache.set(device, pipelines);
  }
  return pipelines;
}
