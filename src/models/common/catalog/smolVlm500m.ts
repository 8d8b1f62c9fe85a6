/**
 * SmolVLM-500M-Instruct: the larger SmolVLM, better at reading images. Nothing here is in the
 * reference: the file names follow the SmolVLM-256M export (same exporter, same layout), and the
 * first download checks that each exists and takes its size and digest from the Hub.
 */
import { unconfirmedFile } from './catalogFiles';
import type { CatalogModel, CatalogFile } from './catalogModel';

const graphs = (suffix: string): CatalogFile[] =>
  ['vision_encoder', 'embed_tokens', 'decoder_model_merged'].map((name) => unconfirmedFile(`onnx/${name}${suffix}.onnx`));

export const smolVlm500m: CatalogModel = {
  id: 'HuggingFaceTB/SmolVLM-500M-Instruct',
  label: 'SmolVLM 500M Instruct',
  summary: 'Multimodal, reads images more accurately than the 256M; about twice the memory.',
  repo: 'HuggingFaceTB/SmolVLM-500M-Instruct',
  revision: 'main',
  family: 'idefics3',
  reads: ['text', 'image'],
  // Its text model is SmolLM2-360M (8192 positions); config.json itself is unconfirmed.
  contextLength: 8192,
  contextLengthConfirmed: false,
  files: [
    unconfirmedFile('config.json'),
    unconfirmedFile('generation_config.json'),
    unconfirmedFile('preprocessor_config.json'),
    unconfirmedFile('processor_config.json'),
    unconfirmedFile('tokenizer.json'),
    unconfirmedFile('tokenizer_config.json'),
  ],
  precisions: { q4: graphs('_q4'), q4f16: graphs('_q4f16'), fp16: graphs('_fp16'), fp32: graphs('') },
  provenance: 'Not in the reference: file names assumed from the SmolVLM-256M layout; all sizes and digests unconfirmed.',
};
