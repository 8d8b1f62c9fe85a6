/**
 * The bench in a Chromium page: both engines on one onnxruntime-web module (the bundler maps every
 * `onnxruntime-web*` import, transformers.js' included, to the backend's build), driven by the same
 * protocol as in Node. Exposed as `window.inkwellBench`.
 */
import * as lib from '@huggingface/transformers';
import * as ortModule from 'onnxruntime-web';
import type { Ort, RawImage } from '../../../webview/engine/api';
import { fetchModelFiles } from '../../../webview/engine/adapters/browser/fetchModelFiles';
import type { CaseFigures, CaseSpec } from '../protocol/caseTypes';
import { openInkwell } from '../protocol/inkwellDriver';
import { runCase, type Instant } from '../protocol/runCase';
import { countGpuBufferBytes } from '../protocol/gpuBufferBytes';
import { withGpuDispatches } from '../protocol/gpuDispatches';
import { installSessionProbe } from '../protocol/sessionTimer';
import { openTransformers } from '../protocol/transformersDriver';
import { CPU_BINDING, type ChromiumCpu } from './cpuBinding';
import { measureGpuReadBandwidth } from '../bound/gpuBandwidth';

/** A case as it crosses into the page: the image's pixels as base64. */
export type PageCaseSpec = Omit<CaseSpec, 'ttftPrompt'> & {
  ttftPrompt?: { text: string; image?: { width: number; height: number; rgbaBase64: string } };
};

/** `peakGpuBufferBytes`: on WebGPU, the most bytes of GPU buffers the page held at once (gpuBufferBytes.ts). */
export type PageCaseReply = { ok: true; figures: CaseFigures; peakGpuBufferBytes?: number } | { ok: false; error: string };

const ort = ortModule as unknown as Ort;
ort.env.wasm.wasmPaths = new URL('/ort/', location.href).toString();
// No SharedArrayBuffer without cross-origin isolation, as in a VS Code webview: one thread.
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';
lib.env.allowLocalModels = true;
lib.env.allowRemoteModels = false;
lib.env.useBrowserCache = false;
// A path, not a URL: transformers.js only probes local files at non-URL paths.
lib.env.localModelPath = '/models/';
const probe = installSessionProbe(ort);

async function run(page: PageCaseSpec, runs: number): Promise<PageCaseReply> {
  const ttft = page.ttftPrompt;
  const spec: CaseSpec = { ...page, ttftPrompt: ttft && { text: ttft.text, image: ttft.image && decodeRgba(ttft.image) } };
  const open = () =>
    spec.engine === 'inkwell'
      ? openInkwell(ort, fetchModelFiles(spec.modelLocation), spec.device, spec.dtype)
      : openTransformers(lib, { modelId: spec.model, family: spec.family, dtype: spec.dtype, device: spec.device });
  try {
    const clock = spec.device === 'webgpu' ? withGpuDispatches(() => chromiumClock(true)) : () => chromiumClock(false);
    const gpuBuffers = spec.device === 'webgpu' ? countGpuBufferBytes() : undefined;
    const figures = await runCase(spec, runs, open, probe, clock);
    return { ok: true, figures, peakGpuBufferBytes: gpuBuffers?.peak() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) };
  }
}

/**
 * Wall time now; Chromium's CPU time (cpuBinding.ts), read by the Node side through a binding, and
 * on WebGPU that of the page's thread (on wasm that thread computes the kernels too: not a figure).
 */
async function chromiumClock(webgpu: boolean): Promise<Instant> {
  const wallMs = performance.now();
  const read = (globalThis as unknown as Record<string, (() => Promise<ChromiumCpu>) | undefined>)[CPU_BINDING];
  const cpu = read ? await read() : undefined;
  return { wallMs, cpuMs: cpu?.cpuMs, pageThreadCpuMs: webgpu ? cpu?.pageThreadCpuMs : undefined };
}

function decodeRgba(image: { width: number; height: number; rgbaBase64: string }): RawImage {
  const data = Uint8Array.from(atob(image.rgbaBase64), (c) => c.charCodeAt(0));
  return { width: image.width, height: image.height, channels: 4, data };
}

(globalThis as unknown as { inkwellBench: unknown }).inkwellBench = { run, gpuReadBandwidth: measureGpuReadBandwidth };
