/**
 * Runs a decoder rewritten for WebGPU (webgpuGraph/), with GroupQueryAttention and its in-place GPU
 * cache or with the file's attention, next to the file with the cache it outputs, step by step on
 * the same ids, in the page's WebGPU. The engine itself uses GroupQueryAttention only where
 * groupQueryAttentionWorks.ts accepts the device; this page creates the rewritten session
 * directly, so the cache and rewrite are exercised on any GPU with chunks short enough for every
 * kernel, fed as they are or (`longestRun`) cut by the runner as the engine cuts prompts on a
 * device whose attention is right only on short runs. With `replayedSteps`, the rewritten
 * decoder's decode steps are replayed from a capture (replayedDecodeStep.ts) by a second session,
 * as the engine does where replayedStepWorks.ts accepts the device. A VLM's decoder (tiny-smolvlm) is fed embeddings made on the GPU by its
 * embed_tokens graph, as the engine feeds it. Exposed through enginePage.ts.
 */
import * as onnxProto from 'onnx-proto';
import type { Ort } from '../../../../webview/engine/api';
import { argmax } from '../../../../webview/engine/generation/sampler';
import { createKvCache } from '../../../../webview/engine/runtime/createKvCache';
import { DecoderRunner } from '../../../../webview/engine/runtime/decoderRunner';
import { InPlaceGpuKvCache } from '../../../../webview/engine/runtime/inPlaceGpuKvCache';
import { presentNames } from '../../../../webview/engine/runtime/kvCacheNames';
import { REPLAYED_STEP_OPTIONS, ReplayedDecodeStep } from '../../../../webview/engine/runtime/replayedDecodeStep';
import { longestRightRun } from '../../../../webview/engine/runtime/webgpuGraph/groupQueryAttentionWorks';
import { prepareForWebGpu } from '../../../../webview/engine/runtime/webgpuGraph/prepareForWebGpu';
import { replayedStepWorks } from '../../../../webview/engine/runtime/webgpuGraph/replayedStepWorks';

const { onnx } = onnxProto;

export interface WebGpuRewriteRequest {
  modelUrl: string;
  groupQueryAttention: boolean;
  /** Decode steps replayed from a capture, over a cache reserved for this many positions (with groupQueryAttention). */
  replayedSteps?: { reservedLength: number };
  /** Runs prompts in chunks of at most this many positions, as the engine does where the attention is right only on such runs. */
  longestRun?: number;
  /** What to do, in order: feed a chunk of ids, or keep the first positions of both caches. */
  actions: Array<{ feed: number[] } | { keepFirst: number }>;
}

export interface WebGpuRewriteStep {
  /** The position count after the run, and the argmax and largest logit difference of the two sessions. */
  length: number;
  fusedArgmax: number;
  fileArgmax: number;
  maxDifference: number;
  /** How many logits differ in any bit. */
  differing: number;
  /** Whether the rewritten decoder ran it as a replayed step. */
  replayed: boolean;
}

export type WebGpuRewriteResult =
  | {
      ok: true;
      steps: WebGpuRewriteStep[];
      fusedInputs: string[];
      fusedOps: string[];
      /** groupQueryAttentionWorks.ts' longest right run on this device, where the attention was rewritten. */
      longestRightRun: number | undefined;
      replayWorks: boolean | undefined;
    }
  | { ok: false; message: string };

export async function runWebGpuRewrite(ort: Ort, request: WebGpuRewriteRequest): Promise<WebGpuRewriteResult> {
  try {
    const fullConfig = await (await fetch(`${request.modelUrl}config.json`)).json();
    // A VLM's decoder: its text config, its graph, and the embeddings it is fed.
    const config = fullConfig.text_config ?? fullConfig;
    const vlm = !!fullConfig.text_config;
    const onnxFile = async (name: string) => new Uint8Array(await (await fetch(`${request.modelUrl}onnx/${name}`)).arrayBuffer());
    const bytes = await onnxFile(vlm ? 'decoder_model_merged.onnx' : 'model.onnx');
    const present = presentNames(config.num_hidden_layers);
    const options = { executionProviders: ['webgpu'], preferredOutputLocation: Object.fromEntries(present.map((n) => [n, 'gpu-buffer' as const])) };
    const embedSession = vlm
      ? await ort.InferenceSession.create(await onnxFile('embed_tokens.onnx'), { executionProviders: ['webgpu'], preferredOutputLocation: { inputs_embeds: 'gpu-buffer' } })
      : undefined;
    const rewritten = await prepareForWebGpu(bytes, async () => request.groupQueryAttention);
    if (!rewritten || request.groupQueryAttention !== !!rewritten.attention) return { ok: false, message: 'the rewrite did not apply' };
    const { attention } = rewritten;
    const headDim = config.head_dim ?? config.hidden_size / config.num_attention_heads;
    const shape = { numLayers: config.num_hidden_layers, numKeyValueHeads: config.num_key_value_heads, headDim, dtype: 'float32' as const };
    const fusedSession = await ort.InferenceSession.create(rewritten.bytes, options);
    const fileSession = await ort.InferenceSession.create(bytes, options);
    const fusedCache = createKvCache(ort, shape, fusedSession);
    const replayed =
      request.replayedSteps && fusedCache instanceof InPlaceGpuKvCache
        ? await ReplayedDecodeStep.create(ort, await ort.InferenceSession.create(rewritten.bytes, REPLAYED_STEP_OPTIONS), fusedCache, {
            vocab: config.vocab_size,
            hidden: config.hidden_size,
            contextLength: request.replayedSteps.reservedLength,
          })
        : undefined;
    if (request.replayedSteps && !replayed) return { ok: false, message: 'no replayed step for this decoder' };
    const fused = new DecoderRunner(ort, fusedSession, fusedCache, 'webgpu', { replayed, longestRun: request.longestRun });
    const file = new DecoderRunner(ort, fileSession, createKvCache(ort, shape, fileSession), 'webgpu');
    const steps: WebGpuRewriteStep[] = [];
    for (const action of request.actions) {
      if ('keepFirst' in action) {
        await fused.cache.keepFirst(action.keepFirst);
        await file.cache.keepFirst(action.keepFirst);
        continue;
      }
      const ids = new ort.Tensor('int64', BigInt64Array.from(action.feed.map(BigInt)), [1, action.feed.length]);
      const input = embedSession
        ? { name: 'inputs_embeds' as const, tensor: (await embedSession.run({ input_ids: ids })).inputs_embeds! }
        : { name: 'input_ids' as const, tensor: ids };
      const a = (await fused.prefill(input, action.feed.length)) as Float32Array;
      const b = (await file.run(input, action.feed.length)) as Float32Array;
      if (embedSession) input.tensor.dispose();
      if (fused.cache.length !== file.cache.length) throw new Error(`cache lengths differ: ${fused.cache.length} and ${file.cache.length}`);
      steps.push({
        length: fused.cache.length,
        fusedArgmax: argmax(a),
        fileArgmax: argmax(b),
        maxDifference: a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0),
        differing: a.reduce((n, v, i) => n + (Object.is(v, b[i]) ? 0 : 1), 0),
        replayed: action.feed.length === 1 && fused.replaysSteps,
      });
    }
    await fused.dispose();
    await file.dispose();
    fused.cache.dispose();
    file.cache.dispose();
    await fusedSession.release();
    await fileSession.release();
    await embedSession?.release();
    const longestRun = attention ? await longestRightRun(ort, 'webgpu', attention) : undefined;
    const replayWorks = attention ? await replayedStepWorks(ort, attention) : undefined;
    const fusedOps = [...new Set(onnx.ModelProto.decode(rewritten.bytes).graph?.node?.map((n) => n.opType ?? '') ?? [])];
    return { ok: true, steps, fusedInputs: [...fusedSession.inputNames], fusedOps, longestRightRun: longestRun, replayWorks };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) };
  }
}
