/** The generated tiny-llama model, served by the loopback Hub as `inkwell-test/tiny-llama`. */
import { join } from 'node:path';
import { after, before, beforeEach } from 'node:test';
import { fixtureModels } from '../../../support/fixtureModels';
import { startLoopbackHub, type LoopbackHub, type ServedRepo } from './loopbackHub';

export const TINY_LLAMA_ID = 'inkwell-test/tiny-llama';
export const TINY_LLAMA_COMMIT = '0123456789abcdef0123456789abcdef01234567';

export async function servedTinyLlama(): Promise<ServedRepo> {
  return { repo: TINY_LLAMA_ID, commit: TINY_LLAMA_COMMIT, folder: join(await fixtureModels(), 'tiny-llama') };
}

export interface TinyLlamaHub {
  readonly hub: LoopbackHub;
  readonly served: ServedRepo;
}

/**
 * A loopback Hub serving tiny-llama to every test of the file: started before the first, closed
 * after the last, its request log and faults cleared before each. Call at the file's top level.
 */
export function hubServingTinyLlama(): TinyLlamaHub {
  let hub: LoopbackHub | undefined;
  let served: ServedRepo | undefined;
  before(async () => {
    served = await servedTinyLlama();
    hub = await startLoopbackHub([served]);
  });
  after(() => hub?.close());
  beforeEach(() => {
    hub!.requests.length = 0;
    hub!.clearFaults();
  });
  return {
    get hub() {
      if (!hub) throw new Error('the loopback Hub has not started');
      return hub;
    },
    get served() {
      if (!served) throw new Error('tiny-llama is not served yet');
      return served;
    },
  };
}
