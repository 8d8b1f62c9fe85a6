/**
 * A text model of SmolLM2-135M's real shape with random weights, made by the fixture generator
 * once (about 12 s) and cached under `.cache/bench-inline/<key>/`, where the key hashes the
 * generator's sources and the shape: a changed generator makes a new model, never a stale one.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
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
  const dir = join(root, '.cache', 'bench-inline', cacheKey(), 'tiny-llama');
  if (existsSync(join(dir, 'config.json'))) return dir;
  log(`Generating a model of SmolLM2-135M's shape (once; cached in ${dir}).`);
  const staging = `${dir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  const [written] = await generateFixtures(staging, { only: ['tiny-llama'], overrides: SMOLLM2_135M_SHAPE });
  mkdirSync(join(dir, '..'), { recursive: true });
  renameSync(written!, dir);
  rmSync(staging, { recursive: true, force: true });
  return dir;
}

function cacheKey(): string {
  const hash = createHash('sha256');
  const folder = join(root, 'scripts', 'fixtures');
  for (const file of readdirSync(folder, { recursive: true }).map(String).sort()) {
    if (!file.endsWith('.ts')) continue;
    hash.update(file);
    hash.update(readFileSync(join(folder, file)));
  }
  hash.update(JSON.stringify(SMOLLM2_135M_SHAPE));
  return hash.digest('hex').slice(0, 16);
}
