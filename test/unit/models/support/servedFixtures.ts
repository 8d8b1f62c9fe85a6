/** The generated tiny-llama model, served by the loopback Hub as `inkwell-test/tiny-llama`. */
import { join } from 'node:path';
import { fixtureModels } from '../../../support/fixtureModels';
import type { ServedRepo } from './loopbackHub';

export const TINY_LLAMA_ID = 'inkwell-test/tiny-llama';
export const TINY_LLAMA_COMMIT = '0123456789abcdef0123456789abcdef01234567';

export async function servedTinyLlama(): Promise<ServedRepo> {
  return { repo: TINY_LLAMA_ID, commit: TINY_LLAMA_COMMIT, folder: join(await fixtureModels(), 'tiny-llama') };
}
