import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Idefics3ImageProcessor, Idefics3Processor, RawImage as TjsRawImage } from '@huggingface/transformers';
import type { RawImage } from '../../../../webview/engine/api';

/** The reference copies of SmolVLM-256M-Instruct's config files, read (never copied) from shared/. */
const REFERENCE_MODEL = join(__dirname, '../../../../../shared/reference/SmolVLM-256M-Instruct');

export const smolVlmPreprocessorConfig: Record<string, unknown> = JSON.parse(readFileSync(join(REFERENCE_MODEL, 'preprocessor_config.json'), 'utf8'));
export const smolVlmProcessorConfig: Record<string, unknown> = JSON.parse(readFileSync(join(REFERENCE_MODEL, 'processor_config.json'), 'utf8'));

/** SmolVLM's settings shrunk so a 128x96 image makes 2x2 tiles of 64x64 plus the global image. */
export const tinyPreprocessorConfig: Record<string, unknown> = {
  ...smolVlmPreprocessorConfig,
  size: { longest_edge: 128 },
  max_image_size: { longest_edge: 64 },
};
export const tinyProcessorConfig: Record<string, unknown> = { ...smolVlmProcessorConfig, image_seq_len: 4 };

function toTjs(image: RawImage): TjsRawImage {
  // transformers.js converts in place, so it gets its own copy.
  return new TjsRawImage(new Uint8ClampedArray(image.data), image.width, image.height, image.channels);
}

export interface ReferenceImageInputs {
  pixelValues: Float32Array;
  pixelValuesDims: number[];
  pixelAttentionMask: Uint8Array;
  pixelAttentionMaskDims: number[];
  rows: number[];
  cols: number[];
}

/** What transformers.js's Idefics3ImageProcessor makes of the images of one prompt. */
export async function referenceImageInputs(images: RawImage[], preprocessorConfig: Record<string, unknown>): Promise<ReferenceImageInputs> {
  const processor = new Idefics3ImageProcessor(preprocessorConfig as never);
  const out = await processor(images.map(toTjs), { return_row_col_info: true });
  return {
    pixelValues: out.pixel_values.data as Float32Array,
    pixelValuesDims: out.pixel_values.dims,
    pixelAttentionMask: Uint8Array.from(out.pixel_attention_mask.data as ArrayLike<number | boolean>, Number),
    pixelAttentionMaskDims: out.pixel_attention_mask.dims,
    rows: out.rows[0],
    cols: out.cols[0],
  };
}

/**
 * The prompt string transformers.js's Idefics3Processor builds before tokenizing, caught by a stub
 * tokenizer (the reference folder has no tokenizer.json, and the string is what we compare).
 */
export async function referenceExpandedPrompt(
  prompt: string,
  images: RawImage[],
  preprocessorConfig: Record<string, unknown>,
  processorConfig: Record<string, unknown>,
): Promise<string> {
  let seen: string[] = [];
  const tokenizer = (texts: string[]) => {
    seen = texts;
    return {};
  };
  const processor = new Idefics3Processor(processorConfig as never, {
    image_processor: new Idefics3ImageProcessor(preprocessorConfig as never),
    tokenizer,
  } as never, null as never);
  await processor(prompt, images.map(toTjs));
  return seen[0];
}
