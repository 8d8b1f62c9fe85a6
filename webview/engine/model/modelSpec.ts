import type { ModelFiles } from '../api';
import { EngineError } from '../errors';
import { readJsonFile, readOptionalJsonFile } from './readJsonFile';

/** What the generation loop needs to know about a model, read from its config files. */
export interface ModelSpec {
  name: string;
  family: 'llama' | 'idefics3';
  numLayers: number;
  numKeyValueHeads: number;
  headDim: number;
  /** The width of the decoder's embeddings (a VLM's `inputs_embeds`). */
  hiddenSize: number;
  vocabSize: number;
  contextLength: number;
  /** Generation ends at any of these (generation_config.json first, as transformers.js). */
  eosTokenIds: number[];
  imageTokenId?: number;
  /** Per-dtype KV-cache element type from `transformers.js_config.kv_cache_dtype`. */
  kvCacheDtype: Partial<Record<string, 'float32' | 'float16'>>;
  repetitionPenalty: number;
  /** `stop_strings` of generation_config.json. */
  stopStrings: string[];
}

/** Text-decoder model types whose ONNX exports share the Llama graph interface. */
const LLAMA_FAMILY = new Set(['llama', 'qwen2', 'qwen3', 'mistral', 'smollm3', 'granite', 'olmo2']);
const IDEFICS3_FAMILY = new Set(['idefics3', 'smolvlm']);

interface TextConfig {
  model_type?: string;
  num_hidden_layers?: number;
  num_attention_heads?: number;
  num_key_value_heads?: number;
  hidden_size?: number;
  head_dim?: number;
  vocab_size?: number;
  max_position_embeddings?: number;
  eos_token_id?: number | number[];
}

interface ModelConfig extends TextConfig {
  architectures?: string[];
  text_config?: TextConfig;
  image_token_id?: number;
  'transformers.js_config'?: { kv_cache_dtype?: string | Record<string, string> };
}

interface GenerationConfig {
  eos_token_id?: number | number[];
  repetition_penalty?: number;
  stop_strings?: string | string[];
}

export async function readModelSpec(files: ModelFiles): Promise<ModelSpec> {
  const config = await readJsonFile<ModelConfig>(files, 'config.json');
  const generation = (await readOptionalJsonFile<GenerationConfig>(files, 'generation_config.json')) ?? {};
  const modelType = config.model_type ?? '';
  const family = LLAMA_FAMILY.has(modelType) ? 'llama' : IDEFICS3_FAMILY.has(modelType) ? 'idefics3' : undefined;
  if (!family) {
    throw new EngineError(
      'unsupported-architecture',
      `${files.location} is a "${modelType || 'unknown'}" model (${config.architectures?.join(', ') ?? 'no architectures'}); ` +
        `Inkwell runs ${[...LLAMA_FAMILY, ...IDEFICS3_FAMILY].join(', ')} models.`,
    );
  }
  const text = family === 'idefics3' ? { ...config.text_config } : config;
  const heads = required(text.num_attention_heads, 'num_attention_heads', files);
  const hidden = required(text.hidden_size, 'hidden_size', files);
  const eos = generation.eos_token_id ?? text.eos_token_id ?? config.eos_token_id;
  return {
    name: nameOf(files.location),
    family,
    numLayers: required(text.num_hidden_layers, 'num_hidden_layers', files),
    numKeyValueHeads: text.num_key_value_heads ?? heads,
    headDim: text.head_dim ?? hidden / heads,
    hiddenSize: hidden,
    vocabSize: required(text.vocab_size, 'vocab_size', files),
    contextLength: text.max_position_embeddings ?? 2048,
    eosTokenIds: eos === undefined ? [] : Array.isArray(eos) ? eos : [eos],
    imageTokenId: family === 'idefics3' ? required(config.image_token_id, 'image_token_id', files) : undefined,
    kvCacheDtype: kvCacheDtypes(config['transformers.js_config']?.kv_cache_dtype),
    repetitionPenalty: generation.repetition_penalty ?? 1,
    stopStrings: generation.stop_strings === undefined ? [] : ([] as string[]).concat(generation.stop_strings),
  };
}

function kvCacheDtypes(value: string | Record<string, string> | undefined): ModelSpec['kvCacheDtype'] {
  if (value === undefined) return {};
  const entries = typeof value === 'string' ? [['*', value]] : Object.entries(value);
  return Object.fromEntries(entries.map(([k, v]) => [k, v === 'float16' ? 'float16' : 'float32']));
}

function required(value: number | undefined, field: string, files: ModelFiles): number {
  if (typeof value !== 'number') {
    throw new EngineError('invalid-model', `config.json in ${files.location} has no "${field}".`);
  }
  return value;
}

function nameOf(location: string): string {
  const parts = location.replace(/[\\/]+$/, '').split(/[\\/]/);
  return parts[parts.length - 1] || location;
}
