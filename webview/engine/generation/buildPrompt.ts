import type { ChatMessage, GenerateRequest, RawImage } from '../api';
import { EngineError } from '../errors';
import type { ChatTemplate, TemplateMessage } from '../text/chatTemplate';

export interface BuiltPrompt {
  /** The prompt text with one `<image>` marker per image, before any image-token expansion. */
  text: string;
  images: RawImage[];
  /** Chat-templated text is tokenized without adding special tokens, as transformers.js does. */
  addSpecialTokens: boolean;
}

/**
 * Renders the request into prompt text the way transformers.js does for each family: the chat
 * template sees string contents for text models and typed parts (`{type: 'image'}` where an image
 * goes) for vision-language models.
 */
export function buildPrompt(
  request: GenerateRequest,
  template: ChatTemplate | undefined,
  canReadImages: boolean,
  imageMarker: string,
): BuiltPrompt {
  if (request.rawPrompt !== undefined) {
    const images = request.images ?? [];
    checkImages(images.length, canReadImages);
    const markers = countOccurrences(request.rawPrompt, imageMarker);
    if (markers !== images.length) {
      throw new EngineError(
        'invalid-model',
        `The prompt has ${markers} ${imageMarker} marker(s) but ${images.length} image(s) were given; put one marker where each image goes.`,
      );
    }
    return { text: request.rawPrompt, images, addSpecialTokens: true };
  }
  const messages = request.messages ?? [];
  if (messages.length === 0) throw new EngineError('internal', 'A generate request needs messages or a raw prompt.');
  const images = messages.flatMap((m) => (typeof m.content === 'string' ? [] : m.content.flatMap((p) => (p.type === 'image' ? [p.image] : []))));
  checkImages(images.length, canReadImages);
  const templated = messages.map((m) => toTemplateMessage(m, canReadImages));
  if (!template) {
    return { text: templated.map((m) => plainText(m)).join('\n\n'), images, addSpecialTokens: true };
  }
  return { text: template.render(templated, true), images, addSpecialTokens: canReadImages };
}

function toTemplateMessage(message: ChatMessage, partsForm: boolean): TemplateMessage {
  if (!partsForm) {
    const text = typeof message.content === 'string' ? message.content : message.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
    return { role: message.role, content: text };
  }
  const parts = typeof message.content === 'string' ? [{ type: 'text' as const, text: message.content }] : message.content;
  return {
    role: message.role,
    content: parts.map((p) => (p.type === 'text' ? { type: 'text' as const, text: p.text } : { type: 'image' as const })),
  };
}

function plainText(message: TemplateMessage): string {
  return typeof message.content === 'string' ? message.content : message.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

function checkImages(count: number, canReadImages: boolean): void {
  if (count > 0 && !canReadImages) {
    throw new EngineError(
      'images-not-supported',
      'This model reads text only. Choose a vision-language model (such as SmolVLM) to work with images.',
    );
  }
}

function countOccurrences(text: string, marker: string): number {
  return text.split(marker).length - 1;
}
