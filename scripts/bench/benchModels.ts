/**
 * The benchmark's models: random weights at the real shapes of SmolLM2-135M and SmolVLM-256M,
 * made by the fixture generator on first use and cached under `.cache/bench-models/<key>/`, where
 * the key hashes the generator's sources and the overrides, so nothing stale is ever measured.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generatorKey, landGenerated } from '../fixtures/cachedGeneration';
import { generateFixtures, type FixtureName } from '../fixtures/generateFixtures';

const root = join(import.meta.dirname, '..', '..');
const SEED = 7;

export type BenchModelName = 'smollm2-135m' | 'smolvlm-256m';
export const BENCH_MODEL_NAMES: BenchModelName[] = ['smollm2-135m', 'smolvlm-256m'];

/** SmolLM2-135M-Instruct's text shape (SmolVLM-256M's decoder is the same but for the vocabulary). */
const SMOLLM2_TEXT = {
  hidden_size: 576,
  num_hidden_layers: 30,
  num_attention_heads: 9,
  num_key_value_heads: 3,
  intermediate_size: 1536,
  max_position_embeddings: 8192,
};

/**
 * SmolVLM-256M-Instruct's SigLIP tower: 512-pixel tiles, 16-pixel patches, pixel shuffle by 4, so
 * 64 image tokens per tile. `size.longest_edge` is 512 here where the real processor says 2048: the
 * real one upscales a 512x512 image to 4x4 tiles plus the global one (17 encoder runs, minutes on a
 * 2-core machine); pass `--vlm-longest-edge 2048` to measure the real processor's tiling.
 */
function smolvlmOverrides(longestEdge: number): Record<string, number> {
  return {
    ...SMOLLM2_TEXT,
    vocab_size: 49280,
    'vision_config.hidden_size': 768,
    'vision_config.intermediate_size': 3072,
    'vision_config.num_hidden_layers': 12,
    'vision_config.num_attention_heads': 12,
    'vision_config.image_size': 512,
    'vision_config.patch_size': 16,
    scale_factor: 4,
    'size.longest_edge': longestEdge,
  };
}

interface ModelRecipe {
  fixture: FixtureName;
  overrides: Record<string, number>;
}

export interface ModelShapeOptions {
  vlmLongestEdge: number;
  /**
   * Fewer layers (text and vision) than the real model, every other dimension real: the per-step
   * costs outside the layers (the 49k-wide logits, embeddings, the loop) stay the same while the
   * layers' cost shrinks, which makes those costs measurable on an emulated GPU. Never the default.
   */
  layers?: number;
}

function recipeOf(name: BenchModelName, shape: ModelShapeOptions): ModelRecipe {
  const layers = shape.layers;
  return name === 'smollm2-135m'
    ? { fixture: 'tiny-llama', overrides: { ...SMOLLM2_TEXT, vocab_size: 49152, ...(layers ? { num_hidden_layers: layers } : {}) } }
    : {
        fixture: 'tiny-smolvlm',
        overrides: {
          ...smolvlmOverrides(shape.vlmLongestEdge),
          ...(layers ? { num_hidden_layers: layers, 'vision_config.num_hidden_layers': layers } : {}),
        },
      };
}

/** How results name a model: the real name, marked when its depth is not the real one. */
export function benchModelLabel(name: BenchModelName, shape: ModelShapeOptions): string {
  return shape.layers === undefined ? name : `${name} (${shape.layers} layers)`;
}

/** The model folder (config.json, tokenizer, onnx/ in fp32 and q4), generated if not cached. */
export async function benchModel(name: BenchModelName, shape: ModelShapeOptions, log: (line: string) => void): Promise<string> {
  const recipe = recipeOf(name, shape);
  const dir = join(root, '.cache', 'bench-models', generatorKey([recipe, SEED]), name);
  if (existsSync(join(dir, 'config.json'))) return dir;
  log(`generating ${benchModelLabel(name, shape)} (once; cached in ${dir})`);
  await landGenerated(dir, async (staging) => {
    const [written] = await generateFixtures(staging, { seed: SEED, only: [recipe.fixture], overrides: recipe.overrides });
    return written;
  });
  return dir;
}
