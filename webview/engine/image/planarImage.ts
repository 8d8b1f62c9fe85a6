/**
 * An image as float32 planes, channels first (CHW): the layout the vision encoder takes and the one
 * transformers.js resizes and tiles in after normalization.
 */
export interface PlanarImage {
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  /** `channels * height * width` values, plane after plane, rows top to bottom. */
  readonly data: Float32Array;
}
