/**
 * An image the user pasted, dropped or picked, made ready for the model: decoded by the
 * browser (which also rejects decompression bombs by their header), and when its longer side is
 * over the model processor's own first resize (2048 px for SmolVLM), shrunk to that size with the
 * processor's filter and sent as PNG. The model therefore sees the same pixels it would have seen
 * from the original, while the chat sends and stores far fewer bytes.
 */
import { decodeImage } from '../../engine/adapters/browser/decodeImage';
import { EngineError } from '../../engine/errors';
import { downscaleImage } from '../../engine/image/downscaleImage';
import type { ChatError, ChatImage } from '../protocol/chatProtocol';

export const MAX_LONGEST_EDGE = 2048;

const MODEL_READABLE = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

export type Prepared = { ok: true; image: ChatImage } | { ok: false; error: ChatError };

export async function prepareImage(bytes: Uint8Array, name: string, mimeType: string): Promise<Prepared> {
  try {
    const decoded = await decodeImage(bytes, name);
    const small = downscaleImage(decoded, MAX_LONGEST_EDGE);
    if (small === decoded && MODEL_READABLE.has(mimeType)) return { ok: true, image: { id: crypto.randomUUID(), name, mimeType, bytes } };
    return { ok: true, image: { id: crypto.randomUUID(), name, mimeType: 'image/png', bytes: await encodePng(small) } };
  } catch (error) {
    const code = error instanceof EngineError ? error.code : 'image-undecodable';
    return { ok: false, error: { code, message: error instanceof Error ? error.message : `${name} could not be read.` } };
  }
}

async function encodePng(image: { width: number; height: number; channels: 3 | 4; data: Uint8Array | Uint8ClampedArray }): Promise<Uint8Array> {
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let pixel = 0, from = 0; pixel < rgba.length; pixel += 4, from += image.channels) {
    rgba[pixel] = image.data[from]!;
    rgba[pixel + 1] = image.data[from + 1]!;
    rgba[pixel + 2] = image.data[from + 2]!;
    rgba[pixel + 3] = image.channels === 4 ? image.data[from + 3]! : 255;
  }
  const canvas = new OffscreenCanvas(image.width, image.height);
  canvas.getContext('2d')!.putImageData(new ImageData(rgba, image.width, image.height), 0, 0);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
}
