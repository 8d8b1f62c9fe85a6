import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { presentNames } from '../../../webview/engine/runtime/kvCacheNames';

/** A model folder's decoder KV outputs, which transformers.js keeps on the GPU when it runs on WebGPU itself. */
export function decoderPresentNames(modelLocation: string): string[] {
  const config = JSON.parse(readFileSync(join(modelLocation, 'config.json'), 'utf8'));
  return presentNames((config.text_config ?? config).num_hidden_layers);
}
