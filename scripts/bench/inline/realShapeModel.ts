/**
 * A text model of SmolLM2-135M's real shape with random weights, made by the fixture generator
 * once (about 12 s) and cached under `.cache/bench-inline/<key>/`, where the key hashes the
 * generator's sources and the shape: a changed generator makes a new model, never a stale one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generatorKey, landGenerated } from '../../fixtures/cachedGeneration';
import { generateFixtures } from '../../fixtures/generateFixtures';

const root = join(import.meta.dirname, '..', '..', '..');

/** SmolLM2-135M-Instruct's config.json. */
export const SMOLLM2_135M_SHAPE = {
  hidden_size: 576,
  num_hidden_layers: 30,
  num_attention_heads: 9,
  num_key_value_heads: 3,
  intermediate_size: 1536,
  vocab_size: 49152,
};

export async function realShapeModel(log: (line: string) => void): Promise<string> {
  const dir = join(root, '.cache', 'bench-inline', generatorKey(SMOLLM2_135M_SHAPE), 'tiny-llama');
  if (existsSync(join(dir, 'config.json'))) return dir;
  log(`Generating a model of SmolLM2-135M's shape (once; cached in ${dir}).`);
  await landGenerated(dir, async (staging) => {
    const [written] = await generateFixtures(staging, { only: ['tiny-llama'], overrides: SMOLLM2_135M_SHAPE });
    return written!;
  });
  return dir;
}
