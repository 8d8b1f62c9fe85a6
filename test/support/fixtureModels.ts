import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generatorKey, landGenerated } from '../../scripts/fixtures/cachedGeneration';
import { generateFixtures } from '../../scripts/fixtures/generateFixtures';

const root = join(import.meta.dirname, '..', '..');
export const FIXTURE_SEED = 7;

/** The generated test models, made once per generator version (cachedGeneration.ts). */
export async function fixtureModels(): Promise<string> {
  const dir = join(root, '.cache', 'fixtures', generatorKey(FIXTURE_SEED));
  if (existsSync(join(dir, 'colour-vlm', 'config.json'))) return dir;
  await landGenerated(dir, async (staging) => {
    await generateFixtures(staging, { seed: FIXTURE_SEED });
    return staging;
  });
  return dir;
}
