import type * as OrtTypes from 'onnxruntime-web';
import type { Device, Ort } from '../api';
import type { Session } from './createSession';
import type { KvCache } from './kvCache';
import { lastLogits } from './lastLogits';
import { toEngineError } from './ortErrors';
import type { LastLogits, ShortlistRequest } from './shortlist';
import { ShortlistOnGpu } from './shortlistOnGpu';

type Tensor = OrtTypes.Tensor;

/**
 * Runs the text decoder graph one chunk at a time: builds attention_mask and position_ids the way
 * transformers.js does for an unpadded batch of one (0-based positions continuing the cache),
 * feeds the past, keeps the present, and returns the last position's logits as float32: the
 * whole row, or when asked and the logits are on the GPU, a shortlist made there (shortlist.ts).
 */
export class DecoderRunner {
  private shortlister: ShortlistOnGpu | undefined;

  constructor(
    private readonly ort: Ort,
    private readonly session: Session,
    readonly cache: KvCache,
    private readonly device: Device,
  ) {}

  async run(input: { name: 'input_ids' | 'inputs_embeds'; tensor: Tensor }, length: number, request?: ShortlistRequest): Promise<LastLogits> {
    const past = this.cache.length;
    const total = past + length;
    await this.cache.makeRoom(total);
    const feeds: Record<string, Tensor> = { [input.name]: input.tensor, ...this.cache.feeds(length) };
    const inputNames = this.session.inputNames;
    if (inputNames.includes('attention_mask')) {
      feeds.attention_mask = new this.ort.Tensor('int64', new BigInt64Array(total).fill(1n), [1, total]);
    }
    if (inputNames.includes('position_ids')) {
      const positions = new BigInt64Array(length);
      for (let i = 0; i < length; i++) positions[i] = BigInt(past + i);
      feeds.position_ids = new this.ort.Tensor('int64', positions, [1, length]);
    }
    if (inputNames.includes('use_cache_branch')) {
      feeds.use_cache_branch = new this.ort.Tensor('bool', new Uint8Array([past > 0 ? 1 : 0]), [1]);
    }
    if (inputNames.includes('num_logits_to_keep')) {
      feeds.num_logits_to_keep = new this.ort.Tensor('int64', new BigInt64Array([1n]), []);
    }
    let outputs: Record<string, Tensor>;
    try {
      const written = this.cache.fetches();
      // Named fetches are all ORT returns: the others are left for it to allocate (null).
      outputs = written
        ? await this.session.run(feeds, { ...Object.fromEntries(this.session.outputNames.map((name) => [name, null])), ...written })
        : await this.session.run(feeds);
    } catch (error) {
      throw toEngineError(error, this.device, `running the decoder on ${length} token(s) after ${past}`);
    }
    this.cache.update(outputs, length);
    const { logits } = outputs;
    if (!request || logits.location !== 'gpu-buffer') return lastLogits(this.ort, logits);
    try {
      return await (await this.shortlisterFor(logits)).shortlist(logits, request.askedIds);
    } finally {
      logits.dispose();
    }
  }

  dispose(): void {
    this.shortlister?.dispose();
    this.shortlister = undefined;
  }

  private async shortlisterFor(logits: Tensor): Promise<ShortlistOnGpu> {
    const dtype = logits.type as 'float32' | 'float16';
    const vocab = logits.dims[logits.dims.length - 1];
    if (this.shortlister?.dtype !== dtype || this.shortlister.vocab !== vocab) {
      this.shortlister?.dispose();
      this.shortlister = new ShortlistOnGpu(await this.ort.env.webgpu.device, dtype, vocab);
    }
    return this.shortlister;
  }
}
