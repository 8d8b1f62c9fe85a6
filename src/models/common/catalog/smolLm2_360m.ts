/**
 * SmolLM2-360M-Instruct: fast text, good for inline completions. Config and tokenizer files are
 * confirmed by reference/SmolLM2-360M-Instruct (a snapshot_download copy); the ONNX files only by
 * the rounded sizes of the Hub's tree page, so the first download checks them.
 */
import { gitFile, MB, GB, unconfirmedFile } from './catalogFiles';
import type { CatalogModel } from './catalogModel';

export const smolLm2_360m: CatalogModel = {
  id: 'HuggingFaceTB/SmolLM2-360M-Instruct',
  label: 'SmolLM2 360M Instruct',
  summary: 'Fast text model for inline completions and short drafts.',
  repo: 'HuggingFaceTB/SmolLM2-360M-Instruct',
  revision: 'main',
  family: 'llama',
  reads: ['text'],
  contextLength: 8192,
  contextLengthConfirmed: true,
  files: [
    gitFile('config.json', 846, '4f2ae86545bb5c1d4fcc55644deef86be50a7dee'),
    gitFile('generation_config.json', 132, 'da6c4d71a43aa7e6f785bdbb28ea5025438a73fa'),
    gitFile('tokenizer.json', 2104556, 'f922b1797f0c88e71addc8393787831f2477a4bd'),
    gitFile('tokenizer_config.json', 3764, '8c7b22013909450429303ed10be4398bd63f5457'),
  ],
  precisions: {
    q4: [unconfirmedFile('onnx/model_q4.onnx', 417 * MB)],
    q4f16: [unconfirmedFile('onnx/model_q4f16.onnx', 299 * MB)],
    fp16: [unconfirmedFile('onnx/model_fp16.onnx', 819 * MB)],
    fp32: [unconfirmedFile('onnx/model.onnx', 1.64 * GB)],
  },
  provenance:
    'Config/tokenizer: reference/SmolLM2-360M-Instruct. ONNX: names and rounded sizes from the Hub tree page (reference onnx_files.from_hub_page.txt), digests unconfirmed. Revision: unconfirmed.',
};
