import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateFixtures } from '../../scripts/fixtures/generateFixtures';

const root = join(import.meta.dirname, '..', '..');
export const FIXTURE_SEED = 7;

/**
 * The generated test models, made once per generator version: the cache key is a hash of the
 * generator's sources, so editing the generator regenerates them and nothing stale is reused.
 */
export async function fixtureModels(): Promise<string> {
  const dir = join(root, '.cache', 'fixtures', generatorHash());
  if (existsSync(join(dir, 'colour-vlm', 'config.json'))) return dir;
  const staging = `${dir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  await generateFixtures(staging, { seed: FIXTURE_SEED });
  try {
    renameSync(staging, dir);
  } catch {
    // Another test process finished first; its identical copy stands.
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

function generatorHash(): string {
  const hash = createHash('sha256');
  const folder = join(root, 'scripts', 'fixtures');
  for (const file of readdirSync(folder, { recursive: true }).map(String).sort()) {
    if (!file.endsWith('.ts')) continue;
    hash.update(file);
    hash.update(readFileSync(join(folder, file)));
  }
  hash.update(String(FIXTURE_SEED));
  return hash.digest('hex').slice(0, 16);
}
