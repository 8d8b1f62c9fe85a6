import type { ModelFiles } from '../api';
import { EngineError } from '../errors';
import type { BuiltPrompt } from '../generation/buildPrompt';
import type { PreparedPrompt } from '../generation/generate';
import { expandImagePrompt } from '../image/imagePrompt';
import { preprocessIdefics3ImagesToGpu } from '../image/gpu/preprocessOnGpu';
import { preprocessIdefics3Images, type Idefics3ProcessorConfig } from '../image/idefics3ImageProcessor';
import { readJsonFile, readOptionalJsonFile } from '../model/readJsonFile';
import type { TextTokenizer } from '../text/tokenizer';
import { releaseVisionInputs } from './causalLm';

/** Turns rendered prompt text (and its images) into decoder input ids and vision inputs. */
export interface PromptPreparer {
  /** The marker that stands for one image in prompt text. */
  readonly imageMarker: string;
  prepare(prompt: BuiltPrompt): Promise<PreparedPrompt>;
}

export function textPromptPreparer(tokenizer: TextTokenizer): PromptPreparer {
  return {
    imageMarker: '<image>',
    prepare: async (prompt) => ({ ids: tokenizer.encode(prompt.text, prompt.addSpecialTokens) }),
  };
}

/**
 * Idefics3: images → tiles → pixel inputs, and each `<image>` expanded to its tile tokens. With
 * `gpuDevice` (the sessions' WebGPU device) the pixels are processed there, to the same bits,
 * and stay there for the vision encoder.
 */
export async function loadIdefics3PromptPreparer(
  files: ModelFiles,
  tokenizer: TextTokenizer,
  gpuDevice?: () => Promise<GPUDevice>,
): Promise<PromptPreparer> {
  const preprocessor = await readJsonFile<Idefics3ProcessorConfig>(files, 'preprocessor_config.json');
  const processor = (await readOptionalJsonFile<{ image_seq_len?: number }>(files, 'processor_config.json')) ?? {};
  const imageSeqLen = processor.image_seq_len;
  if (typeof imageSeqLen !== 'number') {
    throw new EngineError('missing-file', `The model folder ${files.location} has no processor_config.json with image_seq_len.`);
  }
  return {
    imageMarker: '<image>',
    prepare: async (prompt) => {
      if (prompt.images.length === 0) return { ids: tokenizer.encode(prompt.text, prompt.addSpecialTokens) };
      const processed = gpuDevice
        ? await preprocessIdefics3ImagesToGpu(await gpuDevice(), prompt.images, preprocessor)
        : preprocessIdefics3Images(prompt.images, preprocessor);
      const vision = {
        pixelValues: processed.pixelValues,
        pixelValuesDims: processed.pixelValuesDims,
        pixelAttentionMask: processed.pixelAttentionMask,
        pixelAttentionMaskDims: processed.pixelAttentionMaskDims,
      };
      try {
        return { ids: tokenizer.encode(expandImagePrompt(prompt.text, processed.grids, imageSeqLen), prompt.addSpecialTokens), vision };
      } catch (error) {
        // No generation will release the pixels a prompt that fails here left on the GPU.
        releaseVisionInputs(vision);
        throw error;
      }
    },
  };
}
