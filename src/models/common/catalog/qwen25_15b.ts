/**
 * Qwen2.5-1.5B-Instruct in onnx-community's export: the larger text model, for better drafts.
 * Not in the reference. File names and rounded sizes come from a stored copy of the Hub's tree
 * page; its fp32 and fp16 graphs keep their weights in `.onnx_data` files the engine does not
 * load, so only the 4-bit precisions are offered.
 */
import { GB, kB, MB, unconfirmedFile } from './catalogFiles';
import type { CatalogModel } from './catalogModel';

export const qwen25_15b: CatalogModel = {
  id: 'onnx-community/Qwen2.5-1.5B-Instruct',
  label: 'Qwen2.5 1.5B Instruct',
  summary: 'Larger text model: better drafts and rewrites, slower; wants a GPU.',
  repo: 'onnx-community/Qwen2.5-1.5B-Instruct',
  revision: 'main',
  family: 'llama',
  reads: ['text'],
  contextLength: 32768,
  contextLengthConfirmed: false,
  files: [
    unconfirmedFile('config.json', 679),
    unconfirmedFile('generation_config.json', 242),
    unconfirmedFile('tokenizer.json', 7.03 * MB),
    unconfirmedFile('tokenizer_config.json', 7.31 * kB),
  ],
  precisions: {
    q4: [unconfirmedFile('onnx/model_q4.onnx', 1.79 * GB)],
    q4f16: [unconfirmedFile('onnx/model_q4f16.onnx', 1.22 * GB)],
  },
  provenance:
    'Not in the reference: names and rounded sizes from a stored copy of huggingface.co/onnx-community/Qwen2.5-1.5B-Instruct/tree/main. Digests, exact sizes, revision, context length: unconfirmed.',
};
