/**
 * What Inkwell can write about an image, the prompt for each, and how the answer is shaped:
 * alt text and captions are one line (alt text also without "Image of"), the rest is kept as
 * written. Pure, so that the prompts and the shaping are tested without VS Code.
 */
import type { GenerationSettings, PromptMessage } from '../providers/provider';
import type { ImageMimeType } from './imageFormats';

export type ImageTask =
  | { kind: 'description' }
  | { kind: 'altText' }
  | { kind: 'caption' }
  | { kind: 'extractText' }
  | { kind: 'custom'; instruction: string };

export type ImageTaskKind = ImageTask['kind'];

export interface ImageTaskEntry {
  kind: ImageTaskKind;
  label: string;
  detail: string;
  /** Shown in the progress notification. */
  progressTitle: string;
  /** The answer never needs more; a model that rambles is cut off here. */
  maxNewTokens?: number;
}

export const IMAGE_TASKS: readonly ImageTaskEntry[] = [
  { kind: 'description', label: 'Description', detail: 'A few sentences on what the image shows', progressTitle: 'Describing the image' },
  { kind: 'altText', label: 'Alt text', detail: 'A short phrase for screen readers', progressTitle: 'Writing alt text', maxNewTokens: 64 },
  { kind: 'caption', label: 'Caption', detail: 'One sentence to go under the image', progressTitle: 'Writing a caption', maxNewTokens: 96 },
  { kind: 'extractText', label: 'Extract the text', detail: 'The text written in the image', progressTitle: 'Reading the text in the image' },
  { kind: 'custom', label: 'Custom…', detail: 'Tell Inkwell what to write about the image', progressTitle: 'Writing about the image' },
];

export function imageTaskEntry(kind: ImageTaskKind): ImageTaskEntry {
  return IMAGE_TASKS.find((entry) => entry.kind === kind)!;
}

export interface ImageInput {
  bytes: Uint8Array;
  mimeType: ImageMimeType;
}

const SYSTEM_PROMPT =
  'You are Inkwell, a writing assistant inside a text editor. You write about images for the user\'s document. ' +
  'Reply with only the text that goes into the document: no introduction and no explanation.';

export function buildImageMessages(task: ImageTask, image: ImageInput): PromptMessage[] {
  return [
    { role: 'system', content: [{ type: 'text', text: SYSTEM_PROMPT }] },
    {
      role: 'user',
      content: [
        { type: 'image', bytes: image.bytes, mimeType: image.mimeType },
        { type: 'text', text: instruction(task) },
      ],
    },
  ];
}

export function imageGenerationSettings(task: ImageTask, settings: GenerationSettings): GenerationSettings {
  const cap = imageTaskEntry(task.kind).maxNewTokens;
  return cap === undefined ? settings : { ...settings, maxNewTokens: Math.min(cap, settings.maxNewTokens) };
}

function instruction(task: ImageTask): string {
  switch (task.kind) {
    case 'description':
      return 'Describe this image in a few sentences for a reader who cannot see it.';
    case 'altText':
      return 'Write alt text for this image: one short phrase, under 125 characters, saying what it shows. Do not start with "Image of" or "Picture of".';
    case 'caption':
      return 'Write a one-sentence caption for this image.';
    case 'extractText':
      return 'Write out all the text visible in this image, exactly as written, keeping its line breaks. If there is none, reply with nothing.';
    case 'custom':
      return task.instruction;
  }
}

/** The text as it goes into the document. */
export function shapeImageText(task: ImageTask, generated: string): string {
  switch (task.kind) {
    case 'altText':
      return shapeAltText(generated);
    case 'caption':
      return oneLine(unquote(generated));
    default:
      return generated.trim();
  }
}

export function shapeAltText(generated: string): string {
  const line = oneLine(unquote(generated)).replace(/^alt(?: text)?\s*:\s*/i, '');
  const lead = /^(?:an? )?(?:image|picture|photo|photograph|screenshot) (?:of|showing) (?=\S)/i.exec(line);
  return lead ? line.slice(lead[0].length).replace(/^\p{Ll}/u, (c) => c.toUpperCase()) : line;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function unquote(text: string): string {
  const trimmed = text.trim();
  const pair = /^(["“'])([\s\S]*)(["”'])$/.exec(trimmed);
  return pair && !pair[2].includes(pair[1]) ? pair[2] : trimmed;
}
