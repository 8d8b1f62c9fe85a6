import type { GenerateRequest, GenerateResult, LoadedModel, LoadOptions, ModelFiles } from './api';
import { generateTokens } from './generation/generate';
import { buildPrompt } from './generation/buildPrompt';
import { availableDtypes, GRAPHS, resolveOnnxFiles } from './model/onnxFiles';
import { readModelSpec, type ModelSpec } from './model/modelSpec';
import { releaseVisionInputs, type CausalLm } from './models/causalLm';
import { Idefics3Model } from './models/idefics3Model';
import { loadIdefics3PromptPreparer, type PromptPreparer, textPromptPreparer } from './models/promptPreparers';
import { LlamaModel } from './models/llamaModel';
import { choosePlacement, type Placement } from './runtime/choosePlacement';
import { createDecoderSessions, createSession, type DecoderSessions, type Session } from './runtime/createSession';
import { createKvCache } from './runtime/createKvCache';
import { declaredFloatType } from './runtime/floatTypes';
import type { DecoderRunnerOptions } from './runtime/decoderRunner';
import { InPlaceGpuKvCache } from './runtime/inPlaceGpuKvCache';
import type { KvCache } from './runtime/kvCache';
import { ReplayedDecodeStep } from './runtime/replayedDecodeStep';
import { pastName, presentNames } from './runtime/kvCacheNames';
import { probeWebGpu } from './runtime/webgpuSupport';
import { loadChatTemplate } from './text/chatTemplate';
import { loadTokenizer } from './text/tokenizer';

/** Loads a model folder in the Hugging Face ONNX layout onto WebGPU or WASM. */
export async function loadModel(options: LoadOptions): Promise<LoadedModel> {
  const { ort, files } = options;
  const report = options.onProgress ?? (() => undefined);
  const spec = await readModelSpec(files);
  const graphs: Record<string, readonly string[]> = GRAPHS[spec.family];
  const placement = choosePlacement(
    { device: options.device, dtype: options.dtype, allowFallback: options.allowFallback ?? true },
    options.device === 'webgpu' ? await probeWebGpu() : { available: false, reason: 'not requested' },
    await availableDtypes(files, graphs),
  );
  const paths: Record<string, string> = await resolveOnnxFiles(files, graphs, placement.dtype);
  const tokenizer = await loadTokenizer(files);
  const template = await loadChatTemplate(files, tokenizer.config);
  const bytes = await readAll(files, Object.values(paths), report);
  report(0.95, 'Creating inference sessions');
  const session = (role: string, residentOutputs: string[] = []) =>
    createSession(ort, bytes.get(paths[role])!, placement.device, paths[role], residentOutputs);
  const present = presentNames(spec.numLayers);
  // Made for the decoder session as created: a rewritten WASM graph outputs only new cache rows.
  const cacheFor = (decoder: Session) =>
    createKvCache(ort, { numLayers: spec.numLayers, numKeyValueHeads: spec.numKeyValueHeads, headDim: spec.headDim, dtype: kvDtype(spec, placement, decoder) }, decoder);
  const decoderSessions = () => createDecoderSessions(ort, bytes.get(paths.decoder)!, placement.device, paths.decoder, present);
  const geometry = { vocab: spec.vocabSize, hidden: spec.hiddenSize, contextLength: spec.contextLength };
  const decoding = async ({ replayedStep, longestRun }: DecoderSessions, cache: KvCache): Promise<DecoderRunnerOptions> => ({
    replayed: replayedStep && cache instanceof InPlaceGpuKvCache ? await ReplayedDecodeStep.create(ort, replayedStep, cache, geometry) : undefined,
    longestRun,
  });

  let lm: CausalLm;
  let preparer: PromptPreparer;
  if (spec.family === 'idefics3') {
    const visionEncoder = await session('visionEncoder');
    const embedTokens = await session('embedTokens');
    const decoder = await decoderSessions();
    const sessions = { visionEncoder, embedTokens, decoder: decoder.decoder };
    const cache = cacheFor(sessions.decoder);
    lm = new Idefics3Model(ort, spec, sessions, cache, placement.device, await decoding(decoder, cache));
    // ORT made its device with the sessions just created; the images are processed on it too.
    const gpuDevice = placement.device === 'webgpu' ? async () => ort.env.webgpu.device : undefined;
    preparer = await loadIdefics3PromptPreparer(files, tokenizer, gpuDevice);
  } else {
    const decoder = await decoderSessions();
    const cache = cacheFor(decoder.decoder);
    lm = new LlamaModel(ort, spec, decoder.decoder, cache, placement.device, await decoding(decoder, cache));
    preparer = textPromptPreparer(tokenizer);
  }
  report(1, 'Ready');
  return new EngineModel(spec, placement, lm, preparer, template, tokenizer);
}

/** Serializes generations: the model has one KV cache. */
class EngineModel implements LoadedModel {
  private queue: Promise<unknown> = Promise.resolve();
  readonly info;

  constructor(
    spec: ModelSpec,
    placement: Placement,
    private readonly lm: CausalLm,
    private readonly preparer: PromptPreparer,
    private readonly template: Awaited<ReturnType<typeof loadChatTemplate>>,
    private readonly tokenizer: Awaited<ReturnType<typeof loadTokenizer>>,
  ) {
    this.info = {
      name: spec.name,
      family: spec.family,
      canReadImages: spec.family === 'idefics3',
      device: placement.device,
      dtype: placement.dtype,
      contextLength: spec.contextLength,
      notices: placement.notices,
    };
  }

  generate(request: GenerateRequest): Promise<GenerateResult> {
    const run = this.queue.then(async () => {
      const built = buildPrompt(request, this.template, this.info.canReadImages, this.preparer.imageMarker);
      const prepared = await this.preparer.prepare(built);
      try {
        return await generateTokens(this.lm, this.tokenizer, prepared, request);
      } finally {
        releaseVisionInputs(prepared.vision);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async dispose(): Promise<void> {
    await this.queue;
    await this.lm.dispose();
  }
}

/**
 * The cache's type as the decoder declares its past, else as the config says: a half-precision
 * file converted with keep_io_types (transformers.js' own conversion script does so) computes in
 * float16 but takes and gives a float32 cache, whatever `kv_cache_dtype` claims.
 */
function kvDtype(spec: ModelSpec, placement: Placement, decoder: Session): 'float32' | 'float16' {
  const declared = declaredFloatType(decoder.inputMetadata, pastName(0, 'key'));
  if (declared) return declared;
  const configured = spec.kvCacheDtype[placement.dtype] ?? spec.kvCacheDtype['*'];
  if (configured) return configured;
  return placement.dtype === 'fp16' || placement.dtype === 'q4f16' ? 'float16' : 'float32';
}

async function readAll(
  files: ModelFiles,
  paths: string[],
  report: (fraction: number, detail: string) => void,
): Promise<Map<string, Uint8Array>> {
  const result = new Map<string, Uint8Array>();
  for (const [index, path] of paths.entries()) {
    const share = 0.95 / paths.length;
    const bytes = await files.readBytes(path, (loaded, total) =>
      report(share * (index + (total > 0 ? loaded / total : 0)), `Loading ${path}`),
    );
    result.set(path, bytes);
  }
  return result;
}
