import type * as OrtTypes from 'onnxruntime-web';
import type { Device, Ort } from '../api';
import type { CpuModel } from './cpuGraph/prepareForCpu';
import { toEngineError } from './ortErrors';
import type { SharedGpuWeights } from './sharedGpuWeights';
import type { AttentionShape } from './webgpuGraph/groupQueryAttentionWorks';

export type Session = OrtTypes.InferenceSession;

/**
 * Outputs that stay on the GPU in every WebGPU session that has them (ORT skips names a graph
 * lacks): the engine copies out only the last row of `logits` (lastLogits.ts), or for greedy
 * decoding a shortlist of it (shortlistOnGpu.ts), and feeds a VLM's `inputs_embeds` straight into
 * its decoder (image features are written into it there: mergeImageFeatures.ts).
 */
const ALWAYS_GPU_RESIDENT = ['logits', 'inputs_embeds'];

/**
 * One ONNX session on the chosen device. On WebGPU the named outputs (the KV cache) stay in GPU
 * buffers, so they go straight back in as the next step's inputs without a round trip, and a
 * decoder's RMSNorm and rotary embedding are fused and its attention rewritten to
 * GroupQueryAttention over a cache it writes in place (webgpuGraph/; the engine picks its cache
 * from the session's inputs: createKvCache.ts). On the CPU runtimes the graph is rewritten first
 * (cpuGraph/): logits computed for the last position only, only the new rows of the cache output
 * (the engine picks its cache from the session's outputs: createKvCache.ts), grouped-query heads
 * broadcast, and on WASM alone 4-bit weights dequantized once instead of on every run.
 */
export async function createSession(
  ort: Ort,
  bytes: Uint8Array,
  device: Device,
  name: string,
  gpuResidentOutputs: readonly string[] = [],
): Promise<Session> {
  return (await createFirstWorking(ort, bytes, device, name, gpuResidentOutputs, false)).session;
}

export interface DecoderSessions {
  decoder: Session;
  /**
   * The same graph again, for decode steps replayed from a capture (replayedDecodeStep.ts): made
   * on WebGPU where the attention is GroupQueryAttention and this device replays it right
   * (webgpuGraph/replayedStepWorks.ts). It reads the decoder session's weights: one copy of them
   * on the GPU for the two (sharedGpuWeights.ts).
   */
  replayedStep: Session | undefined;
  /**
   * The most positions one run of `decoder` may take where its attention is GroupQueryAttention:
   * Infinity, or fewer on a device that computes it right only on runs that short (SwiftShader:
   * groupQueryAttentionWorks.ts), the engine then running prompts in chunks of it.
   */
  longestRun?: number;
}

/** The decoder's session (createSession), and where it can be, a second one for replayed decode steps. */
export async function createDecoderSessions(
  ort: Ort,
  bytes: Uint8Array,
  device: Device,
  name: string,
  gpuResidentOutputs: readonly string[],
): Promise<DecoderSessions> {
  const { session, prepared, weights } = await createFirstWorking(ort, bytes, device, name, gpuResidentOutputs, true);
  const attention = prepared?.attention;
  if (!attention) return { decoder: session, replayedStep: undefined };
  const longestRun = await longestAttentionRun(ort, attention);
  if (!(await replayWorks(ort, attention))) return { decoder: session, replayedStep: undefined, longestRun };
  const { REPLAYED_STEP_OPTIONS } = await import('./replayedDecodeStep');
  const created = weights ? weights.session(REPLAYED_STEP_OPTIONS) : ort.InferenceSession.create(prepared.bytes, REPLAYED_STEP_OPTIONS);
  const replayedStep = await created.catch(() => undefined);
  return { decoder: session, replayedStep, longestRun };
}

interface PreparedModel extends CpuModel {
  /** The head shape of its GroupQueryAttention, where the attention was rewritten to it. */
  attention?: AttentionShape;
}

/**
 * The session of the first rewritten graph the backend takes, else of the file, and the graph it
 * was made from. For a `decoder` whose decode steps will replay, the session reads its weights
 * from buffers a replayed step's session can read too.
 */
async function createFirstWorking(
  ort: Ort,
  bytes: Uint8Array,
  device: Device,
  name: string,
  gpuResidentOutputs: readonly string[],
  decoder: boolean,
): Promise<{ session: Session; prepared: PreparedModel | undefined; weights?: SharedGpuWeights }> {
  const options: OrtTypes.InferenceSession.SessionOptions = {
    executionProviders: [device],
    graphOptimizationLevel: 'all',
  };
  if (device === 'webgpu') {
    const resident = [...gpuResidentOutputs, ...ALWAYS_GPU_RESIDENT];
    options.preferredOutputLocation = Object.fromEntries(resident.map((n) => [n, 'gpu-buffer' as const]));
  }
  for await (const prepared of rewrittenModels(ort, bytes, device)) {
    const external: OrtTypes.InferenceSession.SessionOptions = prepared.externalData
      ? // ORT warns once per overridable initializer (the expanded weights, on purpose): hundreds of lines.
        { logSeverityLevel: 3, externalData: [prepared.externalData] }
      : {};
    const weights = decoder && prepared.attention && (await replayWorks(ort, prepared.attention)) ? await shareWeights(ort, prepared.bytes) : undefined;
    try {
      if (weights) return { session: await weights.session(options), prepared, weights };
    } catch {
      // The graph with its weights in it comes next: its sessions then hold a copy each.
    }
    try {
      return { session: await ort.InferenceSession.create(prepared.bytes, { ...options, ...external }), prepared };
    } catch {
      // Expanded float32 weights may not fit the wasm heap (4 GiB at most) next to the model's
      // other sessions: the graph with its 4-bit weights left to ORT comes next, then the file as
      // it is (on WebGPU, after a rewritten graph the backend refuses). A file that fails for
      // another reason fails again at the end, with ORT's message.
    }
  }
  try {
    return { session: await ort.InferenceSession.create(bytes, options), prepared: undefined };
  } catch (error) {
    throw toEngineError(error, device, `loading ${name}`);
  }
}

/**
 * The rewritten graphs to try on a CPU runtime, best first. On WASM: with the 4-bit weights
 * expanded, then (made only if that session could not be created) without; onnxruntime-node has
 * packed 4-bit kernels and gets them unexpanded. Loaded only for CPU sessions: a WebGPU engine
 * never evaluates the protobuf reader it brings. A file protobuf cannot read is left to ORT, whose
 * error names the file.
 */
async function* cpuModels(bytes: Uint8Array, device: 'wasm' | 'cpu') {
  const { prepareForCpu } = await import('./cpuGraph/prepareForCpu');
  const prepare = (expandWeights: boolean) => {
    try {
      return prepareForCpu(bytes, { expandWeights });
    } catch {
      return undefined;
    }
  };
  if (device === 'wasm') {
    const expanded = prepare(true);
    if (expanded) yield expanded;
    // Without expanded weights the graph already is the one below.
    if (!expanded?.externalData) return;
  }
  const unexpanded = prepare(false);
  if (unexpanded) yield unexpanded;
}

/** The rewritten graphs to try on `device`, best first. */
async function* rewrittenModels(ort: Ort, bytes: Uint8Array, device: Device): AsyncGenerator<PreparedModel> {
  if (device === 'webgpu') yield* webGpuModels(ort, bytes);
  else yield* cpuModels(bytes, device);
}

/**
 * The WebGPU rewrites of a decoder, best first: with GroupQueryAttention where it applies and this
 * device computes it right, if only on short runs (checked once per head shape:
 * groupQueryAttentionWorks.ts), then with the file's attention; loaded, like the CPU ones, only
 * when used.
 */
async function* webGpuModels(ort: Ort, bytes: Uint8Array) {
  const { prepareForWebGpu } = await import('./webgpuGraph/prepareForWebGpu');
  const prepare = async (useAttention: (shape: AttentionShape) => Promise<boolean>) => {
    try {
      return await prepareForWebGpu(bytes, useAttention);
    } catch {
      return undefined;
    }
  };
  const prepared = await prepare(async (shape) => (await longestAttentionRun(ort, shape)) > 0);
  if (prepared) yield { bytes: prepared.bytes, attention: prepared.attention };
  // Made only if the backend refused the graph with GroupQueryAttention.
  const rest = prepared?.attention ? await prepare(async () => false) : undefined;
  if (rest) yield { bytes: rest.bytes };
}

/** The graph with its weights made inputs, to share between the two decoder sessions; undefined where it has none. */
async function shareWeights(ort: Ort, bytes: Uint8Array): Promise<SharedGpuWeights | undefined> {
  const { SharedGpuWeights } = await import('./sharedGpuWeights');
  try {
    return SharedGpuWeights.lift(ort, bytes);
  } catch {
    return undefined;
  }
}

async function longestAttentionRun(ort: Ort, attention: AttentionShape): Promise<number> {
  const { longestRightRun } = await import('./webgpuGraph/groupQueryAttentionWorks');
  return checkedOnce(checkedAttention, ort, attention, () => longestRightRun(ort, 'webgpu', attention));
}

async function replayWorks(ort: Ort, attention: AttentionShape): Promise<boolean> {
  const { replayedStepWorks } = await import('./webgpuGraph/replayedStepWorks');
  return checkedOnce(checkedReplay, ort, attention, () => replayedStepWorks(ort, attention));
}

/** A device check's answer for an ORT module and head shape, run once. */
function checkedOnce<T>(answers: WeakMap<Ort, Map<string, Promise<T>>>, ort: Ort, attention: AttentionShape, check: () => Promise<T>): Promise<T> {
  const checked = answers.get(ort) ?? answers.set(ort, new Map()).get(ort)!;
  const key = JSON.stringify(attention);
  if (!checked.has(key)) checked.set(key, check());
  return checked.get(key)!;
}

/** The longest run GroupQueryAttention computes right on an ORT module's WebGPU device, by head shape. */
const checkedAttention = new WeakMap<Ort, Map<string, Promise<number>>>();
/** Whether an ORT module's WebGPU device replays a captured GroupQueryAttention step right, by head shape. */
const checkedReplay = new WeakMap<Ort, Map<string, Promise<boolean>>>();
