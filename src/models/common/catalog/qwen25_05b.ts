/**
 * Qwen2.5-0.5B-Instruct in onnx-community's export: fast text with a long context. The reference
 * has the Qwen repository's files, not this export's (its config.json differs: 678 bytes, not 659),
 * so only the Hub page's file names and rounded sizes are used here; the first download checks them.
 */
import { GB, kB, MB, unconfirmedFile } from './catalogFiles';
import type { CatalogModel } from './catalogModel';

export const qwen25_05b: CatalogModel = {
  id: 'onnx-community/Qwen2.5-0.5B-Instruct',
  label: 'Qwen2.5 0.5B Instruct',
  summary: 'Fast text model with a long context; good for inline completions.',
  repo: 'onnx-community/Qwen2.5-0.5B-Instruct',
  revision: 'main',
  family: 'llama',
  reads: ['text'],
  // The Qwen repository's config.json says 32768; this export's config.json is unconfirmed.
  contextLength: 32768,
  contextLengthConfirmed: false,
  files: [
    unconfirmedFile('config.json', 678),
    unconfirmedFile('generation_config.json', 242),
    unconfirmedFile('tokenizer.json', 7.03 * MB),
    unconfirmedFile('tokenizer_config.json', 7.31 * kB),
  ],
  precisions: {
    q4: [unconfirmedFile('onnx/model_q4.onnx', 786 * MB)],
    q4f16: [unconfirmedFile('onnx/model_q4f16.onnx', 483 * MB)],
    fp16: [unconfirmedFile('onnx/model_fp16.onnx', 997 * MB)],
    fp32: [unconfirmedFile('onnx/model.onnx', 1.99 * GB)],
  },
  provenance:
    'Names and rounded sizes: reference/onnx-community__Qwen2.5-0.5B-Instruct/files.from_hub_page.txt. Digests, exact sizes, revision: unconfirmed.',
};
