/**
 * One benchmark case in a Node process of its own (forked by runNodeCases.ts), so each engine's
 * peak memory is its own: the wasm heap never shrinks, and a process's max RSS never goes down.
 * The onnxruntime-node variant runs in a worker thread of that process, as it would in the
 * extension host; the WebGPU cases run onnxruntime-web's WebGPU build on Dawn (dawnWebgpu.ts).
 */
import { rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { nodeModelFiles } from '../../../webview/engine/adapters/node/nodeModelFiles';
import { bundleNativeWorker } from '../../nativeWorkerBundle';
import type { CaseFigures, CaseSpec } from '../protocol/caseTypes';
import { openInkwell } from '../protocol/inkwellDriver';
import { countGpuBufferBytes } from '../protocol/gpuBufferBytes';
import { withGpuDispatches } from '../protocol/gpuDispatches';
import { runCase } from '../protocol/runCase';
import { installSessionProbe } from '../protocol/sessionTimer';
import { openTransformers } from '../protocol/transformersDriver';
import { decoderPresentNames } from './decoderPresentNames';
import { processNow } from './processClock';
import { wasmOrt } from './fixedOrt';
import { readingModelPaths } from './readingModelPaths';
import { webgpuOrt } from './webgpuOrt';

export interface NodeCaseRequest {
  spec: CaseSpec;
  runs: number;
}

export interface NodeMemory {
  /** The process's peak resident set (kernel-tracked, exact): JS heap, wasm heap, model bytes. */
  peakRssBytes: number;
  /** Largest `arrayBuffers` of the main thread seen between runs (model bytes, tensors; not the wasm heap). */
  peakArrayBuffersBytes: number;
  /** WebGPU: the most bytes of GPU buffers held at once (gpuBufferBytes.ts). */
  peakGpuBufferBytes?: number;
}

export type NodeCaseReply = { ok: true; figures: CaseFigures; memory: NodeMemory } | { ok: false; error: string };

async function onOrtWeb({ spec, runs }: NodeCaseRequest): Promise<{ figures: CaseFigures; peakGpuBufferBytes?: number }> {
  const webgpu = spec.device === 'webgpu';
  // The build the engine webview runs, with its fixes; transformers.js takes the module registered
  // under Symbol.for('onnxruntime'), so both engines run on this one.
  const ort = webgpu ? await webgpuOrt() : await wasmOrt();
  // Dawn's classes are globals once webgpuOrt() has installed them.
  const gpuBuffers = webgpu ? countGpuBufferBytes() : undefined;
  (globalThis as Record<symbol, unknown>)[Symbol.for('onnxruntime')] = readingModelPaths(ort);
  const open = async () => {
    if (spec.engine === 'inkwell') return openInkwell(ort, nodeModelFiles(spec.modelLocation), spec.device, spec.dtype);
    const lib = await import('@huggingface/transformers');
    lib.env.allowRemoteModels = false;
    lib.env.useFSCache = false;
    lib.env.localModelPath = `${dirname(spec.modelLocation)}/`;
    return openTransformers(lib, {
      modelId: basename(spec.modelLocation),
      family: spec.family,
      dtype: spec.dtype,
      device: 'auto',
      executionProviders: [spec.device],
      gpuResidentOutputs: webgpu ? decoderPresentNames(spec.modelLocation) : undefined,
    });
  };
  const figures = await runCase(spec, runs, open, installSessionProbe(ort), webgpu ? withGpuDispatches(processNow) : processNow);
  return { figures, peakGpuBufferBytes: gpuBuffers?.peak() };
}

/** Bundled first, as the extension's engine worker is (nativeWorkerBundle.ts says why). */
async function inOrtNodeWorker(request: NodeCaseRequest): Promise<CaseFigures> {
  const outfile = join(import.meta.dirname, '..', '..', '..', '.cache', 'bench-worker', `ortNodeWorker-${process.pid}.cjs`);
  await bundleNativeWorker(join(import.meta.dirname, 'ortNodeWorker.ts'), outfile);
  try {
    return await new Promise((resolve, reject) => {
      const worker = new Worker(outfile, { workerData: request });
      worker.once('message', (figures: CaseFigures) => resolve(figures));
      worker.once('error', reject);
    });
  } finally {
    rmSync(outfile, { force: true });
  }
}

async function runNodeCase(request: NodeCaseRequest): Promise<NodeCaseReply> {
  let peakArrayBuffers = 0;
  const sample = () => (peakArrayBuffers = Math.max(peakArrayBuffers, process.memoryUsage().arrayBuffers));
  const sampler = setInterval(sample, 50);
  try {
    const { figures, peakGpuBufferBytes } = request.spec.engine === 'inkwell-ort-node' ? { figures: await inOrtNodeWorker(request) } : await onOrtWeb(request);
    sample();
    return { ok: true, figures, memory: { peakRssBytes: process.resourceUsage().maxRSS * 1024, peakArrayBuffersBytes: peakArrayBuffers, peakGpuBufferBytes } };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) };
  } finally {
    clearInterval(sampler);
  }
}

process.once('message', async (request: NodeCaseRequest) => {
  const reply = await runNodeCase(request);
  process.send!(reply, () => process.exit(0));
});
