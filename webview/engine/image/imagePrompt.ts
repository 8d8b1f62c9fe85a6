import { EngineError } from '../errors';
import type { ImageGrid } from './tileSplit';

/** The marker the chat template writes for each image, and the token the vision features replace. */
export const IMAGE_TOKEN = '<image>';
const FAKE_TOKEN = '<fake_token_around_image>';
const GLOBAL_IMAGE_TOKEN = '<global-img>';

/**
 * The text that stands for one image (transformers.js `get_image_prompt_string`): per tile
 * `<fake_token_around_image><row_r_col_c>` + `<image>` x imageSeqLen, a newline after each row, then
 * a blank line and the global image wrapped in fake tokens; for an unsplit image only the latter,
 * without the newlines.
 */
export function imagePromptString(grid: ImageGrid, imageSeqLen: number): string {
  const features = IMAGE_TOKEN.repeat(imageSeqLen);
  const global = `${FAKE_TOKEN}${GLOBAL_IMAGE_TOKEN}${features}${FAKE_TOKEN}`;
  if (grid.rows === 0 && grid.cols === 0) return global;
  let text = '';
  for (let r = 1; r <= grid.rows; r++) {
    for (let c = 1; c <= grid.cols; c++) text += `${FAKE_TOKEN}<row_${r}_col_${c}>${features}`;
    text += '\n';
  }
  return `${text}\n${global}`;
}

/**
 * Replaces the i-th `<image>` marker of `prompt` with the prompt string of `grids[i]`, as
 * Idefics3Processor does. transformers.js silently drops text or writes "undefined" when the counts
 * differ; we refuse instead.
 */
export function expandImagePrompt(prompt: string, grids: readonly ImageGrid[], imageSeqLen: number): string {
  const pieces = prompt.split(IMAGE_TOKEN);
  const markers = pieces.length - 1;
  if (markers !== grids.length) {
    throw new EngineError(
      'internal',
      `The prompt has ${markers} ${IMAGE_TOKEN} marker(s) but ${grids.length} image(s) were given; each image needs exactly one marker.`,
    );
  }
  let text = pieces[0];
  grids.forEach((grid, i) => {
    text += imagePromptString(grid, imageSeqLen) + pieces[i + 1];
  });
  return text;
}
