/**
 * The engine in a browser page, for tests and the WebGPU benchmark: loads a model by URL on the
 * asked backend and runs one request. Exposed as `window.inkwellEngine`.
 */
import type { Device, Dtype, GenerateResult, ModelInfo, Ort } from '../../../../webview/engine/api';
import { decodeImage } from '../../../../webview/engine/adapters/browser/decodeImage';
import { fetchModelFiles } from '../../../../webview/engine/adapters/browser/fetchModelFiles';
import { loadModel, isEngineError } from '../../../../webview/engine';
import { traceDecoderRuns, type DecoderRun } from './decoderRunTrace';
import { runImagePreprocessing } from './imagePreprocessingPage';
import { runWebGpuRewrite, type WebGpuRewriteRequest } from './webGpuRewritePage';
import { runShortlist } from './shortlistPage';

export interface PageRequest {
  modelUrl: string;
  device: Device;
  dtype: Dtype;
  allowFallback?: boolean;
  text: string;
  /** Base64-encoded image files, decoded in the page as the webview would. */
  images: string[];
  maxNewTokens: number;
  temperature?: number;
  repetitionPenalty?: number;
  seed?: number;
  /** Feeds `text` as it is, without the chat template. */
  raw?: boolean;
  /** A raw prompt to generate from first, so that the KV cache holds it and its generated tokens. */
  warmUpWith?: string;
  /** Aborts the generation from a timer, another task of the page, as a host's cancel message does. */
  abortAfterMs?: number;
  /** Records the decoder's runs (decoderRunTrace.ts). */
  traceDecoderRuns?: boolean;
}

export type PageResult =
  | { ok: true; info: ModelInfo; result: GenerateResult; deltas: string[]; decoderRuns?: DecoderRun[] }
  | { ok: false; code: string; message: string };

async function ortFor(device: Device): Promise<Ort> {
  const ort = (device === 'webgpu' ? await import('onnxruntime-web/webgpu') : await import('onnxruntime-web/wasm')) as Ort;
  ort.env.wasm.wasmPaths = new URL('/ort/', location.href).toString();
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  return ort;
}

async function run(request: PageRequest): Promise<PageResult> {
  let trace: ReturnType<typeof traceDecoderRuns> | undefined;
  try {
    const ort = await ortFor(request.device);
    if (request.traceDecoderRuns) trace = traceDecoderRuns(ort);
    const model = await loadModel({
      ort,
      files: fetchModelFiles(request.modelUrl),
      device: request.device,
      dtype: request.dtype,
      allowFallback: request.allowFallback,
    });
    const images = await Promise.all(request.images.map((b64) => decodeImage(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)))));
    const deltas: string[] = [];
    const content = [...images.map((image) => ({ type: 'image' as const, image })), { type: 'text' as const, text: request.text }];
    if (request.warmUpWith !== undefined) await model.generate({ rawPrompt: request.warmUpWith, maxNewTokens: request.maxNewTokens });
    const controller = new AbortController();
    if (request.abortAfterMs !== undefined) setTimeout(() => controller.abort(), request.abortAfterMs);
    const result = await model.generate({
      signal: controller.signal,
      ...(request.raw ? { rawPrompt: request.text } : { messages: [{ role: 'user' as const, content: images.length > 0 ? content : request.text }] }),
      maxNewTokens: request.maxNewTokens,
      sampling: { temperature: request.temperature ?? 0, seed: request.seed, repetitionPenalty: request.repetitionPenalty },
      onDelta: (d) => deltas.push(d),
    });
    const info = model.info;
    await model.dispose();
    return { ok: true, info, result, deltas, decoderRuns: trace?.runs };
  } catch (error) {
    if (isEngineError(error)) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: 'exception', message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) };
  } finally {
    trace?.stop();
  }
}

const inkwellEngine = {
  run,
  runShortlist,
  runImagePreprocessing,
  runWebGpuRewrite: async (request: WebGpuRewriteRequest) => runWebGpuRewrite(await ortFor('webgpu'), request),
};
(globalThis as unknown as { inkwellEngine: typeof inkwellEngine }).inkwellEngine = inkwellEngine;
