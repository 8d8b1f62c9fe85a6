import type * as OrtTypes from 'onnxruntime-web';
import type { Device, Ort } from '../api';
import { yieldToEventLoop } from '../generation/yieldToEventLoop';
import type { Session } from './createSession';
import type { KvCache } from './kvCache';
import { lastLogits, lastRow } from './lastLogits';
import { logitsAgree, type ReplayedDecodeStep } from './replayedDecodeStep';
import { toEngineError } from './ortErrors';
import { tensorPositions } from './tensorPositions';
import type { LastLogits, ShortlistRequest } from './shortlist';
import { ShortlistOnGpu } from './shortlistOnGpu';

type Tensor = OrtTypes.Tensor;
type DecoderInput = { name: 'input_ids' | 'inputs_embeds'; tensor: Tensor };

/**
 * The most prompt positions run at a time on the CPU runtimes. The exports' attention computes a
 * score for every pair of the run's positions and the cache's ([heads, N, past + N]: 600 MB a
 * layer for a 4k-token prompt of SmolLM2), and chunks over the cache the chunks before them left
 * skip the pairs the causal mask would hide: a 4k-token prompt of SmolLM2-135M q4 prefilled in
 * 18 s instead of 40 on onnxruntime-node, in 92 s instead of 162 on wasm, with the same bits (256
 * measured a little faster than 512 and 1024). WebGPU keeps one run, which costs its GPU little
 * and its CPU a dispatch of every kernel, unless its attention is right only on shorter runs.
 */
const CPU_CHUNK = 256;

export interface DecoderRunnerOptions {
  /** Decode steps replayed from a capture (replayedDecodeStep.ts), once the first agreed with the session's run of it. */
  replayed?: ReplayedDecodeStep;
  /**
   * The most positions one run may take (createSession's DecoderSessions.longestRun); else a whole
   * prompt on WebGPU and CPU_CHUNK on the CPU runtimes.
   */
  longestRun?: number;
}

/**
 * Runs the text decoder graph on the positions it is given (a long prompt in chunks: CPU_CHUNK,
 * or a device's longest right run): builds attention_mask and position_ids the way transformers.js
 * does for an unpadded batch of one (0-based positions continuing the cache), feeds the past,
 * keeps the present, and returns the last position's logits as float32: the whole row, or when
 * asked and the logits are on the GPU, a shortlist made there (shortlist.ts). Decode steps go
 * through a replayed step when it is given (replayedDecodeStep.ts), for as long as it can replay
 * them, once the first of them agreed with the session's own run of that step.
 */
export class DecoderRunner {
  private shortlister: ShortlistOnGpu | undefined;
  private replayed: ReplayedDecodeStep | undefined;
  private replayAgreed = false;
  private readonly longestRun: number;

  constructor(
    private readonly ort: Ort,
    private readonly session: Session,
    readonly cache: KvCache,
    private readonly device: Device,
    options: DecoderRunnerOptions = {},
  ) {
    this.replayed = options.replayed;
    this.longestRun = options.longestRun ?? (device === 'webgpu' ? Infinity : CPU_CHUNK);
  }

  /**
   * Runs the positions of a prompt (in chunks where runs are limited) and returns the last one's
   * logits, or undefined when `signal` aborted it between chunks: the cache then holds the chunks
   * that ran. A chunk that fails leaves the cache as it was before the call.
   */
  async prefill(input: DecoderInput, length: number, request?: ShortlistRequest, signal?: AbortSignal): Promise<LastLogits | undefined> {
    const past = this.cache.length;
    // As few runs as the limit allows, of near-equal length: never a lone last position, whose run
    // would cost a whole run's dispatch and look like a decode step (which is how the bench tells
    // a prompt's end: 1024 positions in runs of 31 left one).
    const runs = Math.max(1, Math.ceil(length / this.longestRun));
    const startOf = (i: number) => Math.ceil((length * i) / runs);
    try {
      for (let i = 0; i < runs; i++) {
        if (i > 0) await yieldToEventLoop();
        if (signal?.aborted) return undefined;
        const start = startOf(i);
        const size = startOf(i + 1) - start;
        if (size === length) return await this.run(input, size, request);
        const chunk = { name: input.name, tensor: await tensorPositions(this.ort, input.tensor, start, size) };
        try {
          const logits = await this.runPositions(chunk, size);
          if (start + size === length) return await this.readLogits(logits, request);
          // Only the last chunk's logits are read: the others' would each wait for the GPU.
          logits.dispose();
        } finally {
          chunk.tensor.dispose();
        }
      }
      return undefined;
    } catch (error) {
      // The chunks that ran are not what the caller's ids say the cache holds.
      await this.cache.keepFirst(past);
      throw error;
    }
  }

  /** One run of the graph on `length` positions after the cache. */
  async run(input: DecoderInput, length: number, request?: ShortlistRequest): Promise<LastLogits> {
    return this.readLogits(await this.runPositions(input, length), request);
  }

  /** Runs `length` positions after the cache (a decode step replayed where it can be) and returns their logits tensor. */
  private async runPositions(input: DecoderInput, length: number): Promise<Tensor> {
    const past = this.cache.length;
    await this.cache.makeRoom(past + length);
    const replayed = length === 1 ? await this.replay(input) : undefined;
    if (replayed && this.replayAgreed) {
      this.cache.update({}, length);
      return replayed;
    }
    const logits = await this.runSession(input, length, past);
    if (replayed) await this.judgeReplay(replayed, logits);
    return logits;
  }

  /** The last position's logits, or the shortlist asked of them; the tensor is released. */
  private async readLogits(logits: Tensor, request?: ShortlistRequest): Promise<LastLogits> {
    if (!request || logits.location !== 'gpu-buffer') return lastLogits(this.ort, logits);
    try {
      return await (await this.shortlisterFor(logits)).shortlist(logits, request.askedIds);
    } finally {
      logits.dispose();
    }
  }

  /** The logits of a replayed step, or undefined when there is none (any more) to replay. */
  private async replay(input: DecoderInput): Promise<Tensor | undefined> {
    const step = this.replayed;
    if (!step) return undefined;
    try {
      if (step.usable) return await step.run(input);
    } catch {
      // The backend would not capture or replay this graph. The failed step wrote at most this
      // position's rows, which the session writes again.
    }
    await this.dropReplay();
    return undefined;
  }

  /**
   * Keeps replaying only if the first replayed step's logits agree with the session's run of the
   * same step (made after it, over the rows it wrote, so the cache keeps the session's): the
   * device check ran the attention alone, and a capture that binds something wrong at the model's
   * own shapes (onnxruntime#29594 reports one) or weights the GPU had no memory left for would
   * otherwise write nonsense without failing.
   */
  private async judgeReplay(replayed: Tensor, own: Tensor): Promise<void> {
    try {
      const [theirs, ours] = await Promise.all([lastRow(this.ort, replayed), lastRow(this.ort, own)]);
      if (logitsAgree(theirs, ours)) {
        this.replayAgreed = true;
        return;
      }
    } catch {
      // Nothing read back, nothing to trust.
    }
    await this.dropReplay();
  }

  private async dropReplay(): Promise<void> {
    const step = this.replayed;
    this.replayed = undefined;
    await step?.release().catch(() => undefined);
  }

  /** Runs the session on `length` positions after `past`, keeps its cache outputs, and returns its logits. */
  private async runSession(input: DecoderInput, length: number, past: number): Promise<Tensor> {
    const total = past + length;
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
    return outputs.logits;
  }

  /** Whether decode steps still go through the replayed step. */
  get replaysSteps(): boolean {
    return this.replayed !== undefined;
  }

  async dispose(): Promise<void> {
    this.shortlister?.dispose();
    this.shortlister = undefined;
    await this.dropReplay();
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
