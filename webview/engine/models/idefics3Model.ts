import type * as OrtTypes from 'onnxruntime-web';
import type { Device, Ort } from '../api';
import type { ModelSpec } from '../model/modelSpec';
import type { Session } from '../runtime/createSession';
import { DecoderRunner, type DecoderRunnerOptions } from '../runtime/decoderRunner';
import type { KvCache } from '../runtime/kvCache';
import { toEngineError } from '../runtime/ortErrors';
import type { LastLogits, ShortlistRequest } from '../runtime/shortlist';
import { reusablePrefixLength, type CausalLm, type Prefilled, type PrefillOptions, type VisionInputs } from './causalLm';
import { mergeImageFeatures } from './mergeImageFeatures';

type Tensor = OrtTypes.Tensor;

export interface Idefics3Sessions {
  visionEncoder: Session;
  embedTokens: Session;
  decoder: Session;
}

/**
 * Idefics3 / SmolVLM: ids → embed_tokens → inputs_embeds; images → vision_encoder →
 * image_features, written over the `<image>` positions in order (as transformers.js'
 * default_merge_input_ids_with_image_features); then the decoder.
 */
export class Idefics3Model implements CausalLm {
  private readonly decoder: DecoderRunner;

  constructor(
    private readonly ort: Ort,
    readonly spec: ModelSpec,
    private readonly sessions: Idefics3Sessions,
    private readonly cache: KvCache,
    private readonly device: Device,
    decoding: DecoderRunnerOptions = {},
  ) {
    this.decoder = new DecoderRunner(ort, sessions.decoder, cache, device, decoding);
  }

  async prefill(ids: number[], { shortlist, vision, signal }: PrefillOptions = {}): Promise<Prefilled> {
    const reused = vision ? 0 : reusablePrefixLength(this.cache.fedIds, ids);
    await this.cache.keepFirst(reused);
    const fresh = ids.slice(reused);
    let embeds = await this.embed(fresh);
    if (vision) embeds = await mergeImageFeatures(this.ort, fresh, this.spec.imageTokenId, embeds, await this.encodeImages(vision));
    const logits = await this.withEmbeds(embeds, () => this.decoder.prefill({ name: 'inputs_embeds', tensor: embeds }, fresh.length, shortlist, signal));
    // Image features are not identified by ids: a cache that holds them is never reused.
    this.cache.fedIds = vision ? undefined : ids.slice(0, this.cache.length);
    return { logits, prefilledTokens: this.cache.length - reused };
  }

  async step(id: number, shortlist?: ShortlistRequest): Promise<LastLogits> {
    const embeds = await this.embed([id]);
    const logits = await this.withEmbeds(embeds, () => this.decoder.run({ name: 'inputs_embeds', tensor: embeds }, 1, shortlist));
    this.cache.fedIds?.push(id);
    return logits;
  }

  /** On WebGPU the embeddings stay on the GPU between the two graphs; the engine owns that buffer. */
  private async withEmbeds<T>(embeds: Tensor, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } finally {
      if (embeds.location === 'gpu-buffer') embeds.dispose();
    }
  }

  async dispose(): Promise<void> {
    this.cache.dispose();
    await this.decoder.dispose();
    await Promise.all(Object.values(this.sessions).map((s) => s.release()));
  }

  private async embed(ids: number[]): Promise<Tensor> {
    const inputIds = new this.ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]);
    try {
      const { inputs_embeds } = await this.sessions.embedTokens.run({ input_ids: inputIds });
      return inputs_embeds;
    } catch (error) {
      throw toEngineError(error, this.device, 'embedding the prompt');
    }
  }

  private async encodeImages(vision: VisionInputs): Promise<Tensor> {
    const feeds = {
      pixel_values:
        vision.pixelValues instanceof Float32Array
          ? new this.ort.Tensor('float32', vision.pixelValues, [...vision.pixelValuesDims])
          : this.ort.Tensor.fromGpuBuffer(vision.pixelValues, { dataType: 'float32', dims: [...vision.pixelValuesDims] }),
      pixel_attention_mask: new this.ort.Tensor('bool', vision.pixelAttentionMask, [...vision.pixelAttentionMaskDims]),
    };
    try {
      const { image_features } = await this.sessions.visionEncoder.run(feeds);
      return image_features;
    } catch (error) {
      throw toEngineError(error, this.device, `encoding ${vision.pixelValuesDims[1]} image tile(s)`);
    }
  }
}
