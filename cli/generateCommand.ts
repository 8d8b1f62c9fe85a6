import { readFile } from 'node:fs/promises';
import type { ChatMessage, ContentPart, RawImage } from '../webview/engine/api';
import { decodeImage } from '../webview/engine/adapters/node/decodeImage';
import { nodeModelFiles } from '../webview/engine/adapters/node/nodeModelFiles';
import { nodeOrt } from '../webview/engine/adapters/node/nodeOrt';
import { loadModel } from '../webview/engine';
import type { GenerateCliOptions } from './parseOptions';

/** `inkwell generate`: streams text to stdout, or prints one JSON object with `--json`. */
export async function runGenerate(options: GenerateCliOptions): Promise<void> {
  const model = await loadModel({ ort: nodeOrt(), files: nodeModelFiles(options.model), device: options.device, dtype: options.dtype });
  for (const notice of model.info.notices) process.stderr.write(`inkwell: ${notice}\n`);
  const images = await Promise.all(options.images.map(async (path) => decodeImage(await readFile(path), path)));
  const result = await model.generate({
    ...(options.raw ? { rawPrompt: options.prompt, images } : { messages: messagesOf(options, images) }),
    maxNewTokens: options.maxNewTokens,
    sampling: { temperature: options.temperature, topK: options.topK, topP: options.topP, seed: options.seed },
    onDelta: options.json ? undefined : (delta) => process.stdout.write(delta),
  });
  await model.dispose();
  if (!options.json) {
    process.stdout.write('\n');
    return;
  }
  const { text, tokenIds, promptTokens, prefillMs, decodeMs, tokensPerSecond } = result;
  const { device, dtype } = model.info;
  process.stdout.write(`${JSON.stringify({ text, tokenIds, promptTokens, prefillMs, decodeMs, tokensPerSecond, device, dtype })}\n`);
}

function messagesOf(options: GenerateCliOptions, images: RawImage[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (options.system !== undefined) messages.push({ role: 'system', content: options.system });
  const content: ContentPart[] = [...images.map((image) => ({ type: 'image' as const, image })), { type: 'text', text: options.prompt }];
  messages.push({ role: 'user', content: images.length > 0 ? content : options.prompt });
  return messages;
}
