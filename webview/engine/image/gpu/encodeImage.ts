import { axisTaps } from '../bilinearResize';
import type { Size } from '../resizeTargets';
import { packTaps } from './bilinearShader';
import type { ImagePipelines } from './imagePipelines';
import type { ImagePasses } from './imagePasses';
import type { ImagePlan } from './imagePlan';
import { packKernel } from './resampleShader';

/** Where an image's frames go: `pixel_values` and the float offset of its first frame. */
export interface FrameTarget {
  readonly pixelValues: GPUBuffer;
  readonly offset: number;
  readonly tileSize: number;
}

/** An 8-bit stage: the decoded upload, or a resample pass's output of 4-byte pixels. */
interface ByteImage {
  readonly buffer: GPUBuffer;
  readonly width: number;
  readonly height: number;
  readonly stride: number;
}

const sameSize = (a: Size, b: Size) => a.width === b.width && a.height === b.height;

function resample(passes: ImagePasses, pipelines: ImagePipelines, plan: ImagePlan): ByteImage {
  const { image, axes, resampled } = plan;
  let stage: ByteImage = { buffer: passes.upload(image.data), width: image.width, height: image.height, stride: image.channels };
  if (axes.rows) {
    const out = { buffer: passes.storage(resampled.width * stage.height * 4), width: resampled.width, height: stage.height, stride: 4 };
    const params = [stage.width, stage.stride, out.width, out.height, out.width, axes.rows.stride];
    passes.dispatch(pipelines.resampleRows, [stage.buffer, passes.upload(packKernel(axes.rows)), out.buffer], params, out.width, out.height);
    stage = out;
  }
  if (axes.columns) {
    const out = { buffer: passes.storage(stage.width * resampled.height * 4), width: stage.width, height: resampled.height, stride: 4 };
    const params = [stage.width, stage.stride, out.width, out.height, out.height, axes.columns.stride];
    passes.dispatch(pipelines.resampleColumns, [stage.buffer, passes.upload(packKernel(axes.columns)), out.buffer], params, out.width, out.height);
    stage = out;
  }
  return stage;
}

function resizeBilinear(passes: ImagePasses, pipelines: ImagePipelines, from: GPUBuffer, size: Size, to: GPUBuffer, target: Size, offset: number): void {
  const taps = passes.upload(packTaps(axisTaps(size.height, target.height), axisTaps(size.width, target.width)));
  const params = [size.width, size.height, target.width, target.height, offset, 0];
  passes.dispatch(pipelines.resizeBilinear, [from, taps, to], params, target.width, target.height, 3);
}

/**
 * Records `tileImage`'s steps (idefics3ImageProcessor.ts) for one image: resample, normalize into
 * planes, bilinear to the target, then tiles and the global image, each written where
 * `pixel_values` wants it; a step the CPU path skips (same size) is skipped here too.
 */
export function encodeImage(passes: ImagePasses, pipelines: ImagePipelines, plan: ImagePlan, table: Float32Array, frames: FrameTarget): void {
  const bytes = resample(passes, pipelines, plan);
  const size = { width: bytes.width, height: bytes.height };
  const { target } = plan;
  const side = frames.tileSize;
  const normalize = (to: GPUBuffer, offset: number) =>
    passes.dispatch(pipelines.normalize, [bytes.buffer, passes.upload(table), to], [size.width, size.height, bytes.stride, offset], size.width, size.height);

  if (plan.frames === 1 && sameSize(size, target)) return normalize(frames.pixelValues, frames.offset);
  const planes = passes.storage(3 * size.width * size.height * 4);
  normalize(planes, 0);
  if (plan.frames === 1) return resizeBilinear(passes, pipelines, planes, size, frames.pixelValues, target, frames.offset);

  let whole = planes;
  if (!sameSize(size, target)) {
    whole = passes.storage(3 * target.width * target.height * 4);
    resizeBilinear(passes, pipelines, planes, size, whole, target, 0);
  }
  const tiles = plan.frames - 1;
  passes.dispatch(pipelines.cutTiles, [whole, frames.pixelValues], [target.width, target.height, side, plan.grid.cols, tiles, frames.offset], side, side, tiles * 3);
  resizeBilinear(passes, pipelines, whole, target, frames.pixelValues, { width: side, height: side }, frames.offset + tiles * 3 * side * side);
}
