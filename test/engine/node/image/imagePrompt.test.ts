import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isEngineError } from '../../../../webview/engine/errors';
import { preprocessIdefics3Images } from '../../../../webview/engine/image/idefics3ImageProcessor';
import { expandImagePrompt, imagePromptString } from '../../../../webview/engine/image/imagePrompt';
import type { RawImage } from '../../../../webview/engine/api';
import { buildImage } from './imageBuilders';
import {
  referenceExpandedPrompt,
  smolVlmPreprocessorConfig,
  smolVlmProcessorConfig,
  tinyPreprocessorConfig,
  tinyProcessorConfig,
} from './transformersReference';

const CHAT_PROMPT = '<|im_start|>User:<image>Can you describe this image?<end_of_utterance>\nAssistant:';

async function assertSameExpansion(
  prompt: string,
  images: RawImage[],
  preprocessorConfig: Record<string, unknown>,
  processorConfig: Record<string, unknown> = tinyProcessorConfig,
): Promise<string> {
  const expected = await referenceExpandedPrompt(prompt, images, preprocessorConfig, processorConfig);
  const { grids } = preprocessIdefics3Images(images, preprocessorConfig);
  const actual = expandImagePrompt(prompt, grids, processorConfig.image_seq_len as number);
  assert.equal(actual, expected);
  return actual;
}

describe('expandImagePrompt', () => {
  it("writes one split image's tiles and global image as transformers.js does", async () => {
    const text = await assertSameExpansion(CHAT_PROMPT, [buildImage(128, 96, 'gradient')], tinyPreprocessorConfig);
    assert.equal((text.match(/<image>/g) ?? []).length, 5 * 4);
    assert.ok(text.includes('<row_2_col_2><image><image><image><image>\n\n<fake_token_around_image><global-img>'));
  });

  it("expands a 1000x2048 image into SmolVLM's 4x2 tiles of 64 tokens plus the global image", async () => {
    const text = await assertSameExpansion(CHAT_PROMPT, [buildImage(1000, 2048, 'gradient')], smolVlmPreprocessorConfig, smolVlmProcessorConfig);
    assert.equal((text.match(/<image>/g) ?? []).length, 9 * 64);
  });

  it('expands two images of different grids in order', async () => {
    const prompt = '<|im_start|>User:<image>and<image>compare<end_of_utterance>\nAssistant:';
    const text = await assertSameExpansion(prompt, [buildImage(128, 96, 'gradient'), buildImage(128, 20, 'noise')], tinyPreprocessorConfig);
    assert.equal((text.match(/<global-img>/g) ?? []).length, 2);
  });

  it('writes an unsplit image as the global image alone, as transformers.js does', async () => {
    const text = await assertSameExpansion(CHAT_PROMPT, [buildImage(128, 96, 'gradient')], { ...tinyPreprocessorConfig, do_image_splitting: false });
    assert.ok(!text.includes('<row_'));
  });

  it('expands two unsplit images in order', async () => {
    const prompt = 'A<image>B<image>C';
    await assertSameExpansion(prompt, [buildImage(128, 96, 'gradient'), buildImage(50, 128, 'noise')], { ...tinyPreprocessorConfig, do_image_splitting: false });
  });

  it('refuses a prompt with fewer markers than images, naming both counts', () => {
    assert.throws(
      () => expandImagePrompt('just text <image>', [{ rows: 0, cols: 0 }, { rows: 1, cols: 2 }], 4),
      (error: unknown) => isEngineError(error) && /1 <image> marker\(s\) but 2 image\(s\)/.test(error.message),
    );
  });

  it('refuses a prompt with more markers than images', () => {
    assert.throws(() => expandImagePrompt('<image><image>', [{ rows: 0, cols: 0 }], 4), (error: unknown) => isEngineError(error));
  });
});

describe('imagePromptString', () => {
  it('matches the SmolVLM layout for a 1x2 grid', () => {
    const f = '<fake_token_around_image>';
    const features = '<image>'.repeat(2);
    assert.equal(
      imagePromptString({ rows: 1, cols: 2 }, 2),
      `${f}<row_1_col_1>${features}${f}<row_1_col_2>${features}\n\n${f}<global-img>${features}${f}`,
    );
  });
});
