import type { Device, Ort } from '../api';
import type { ModelSpec } from '../model/modelSpec';
import type { Session } from '../runtime/createSession';
import { DecoderRunner, type DecoderRunnerOptions } from '../runtime/decoderRunner';
import type { KvCache } from '../runtime/kvCache';
import type { LastLogits, ShortlistRequest } from '../runtime/shortlist';
import { reusablePrefixLength, type CausalLm, type Prefilled, type PrefillOptions } from './causalLm';

/** Decoder-only text models (`onnx/model*.onnx`): input_ids straight into the decoder. */
export class LlamaModel implements CausalLm {
  private readonly decoder: DecoderRunner;

  constructor(
    private readonly ort: Ort,
    readonly spec: ModelSpec,
    private readonly session: Session,
    private readonly cache: KvCache,
    device: Device,
    decoding: DecoderRunnerOptions = {},
  ) {
    this.decoder = new DecoderRunner(ort, session, cache, device, decoding);
  }

  async prefill(ids: number[], { shortlist, signal }: PrefillOptions = {}): Promise<Prefilled> {
    const reused = reusablePrefixLength(this.cache.fedIds, ids);
    await this.cache.keepFirst(reused);
    const fresh = ids.slice(reused);
    const logits = await this.decoder.prefill({ name: 'input_ids', tensor: this.idsTensor(fresh) }, fresh.length, shortlist, signal);
    this.cache.fedIds = ids.slice(0, this.cache.length);
    return { logits, prefilledTokens: this.cache.length - reused };
  }

  async step(id: number, shortlist?: ShortlistRequest): Promise<LastLogits> {
    const logits = await this.decoder.run({ name: 'input_ids', tensor: this.idsTensor([id]) }, 1, shortlist);
    this.cache.fedIds?.push(id);
    return logits;
  }

  async dispose(): Promise<void> {
    this.cache.dispose();
    await this.decoder.dispose();
    await this.session.release();
  }

  private idsTensor(ids: number[]) {
    return new this.ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]);
  }
}
