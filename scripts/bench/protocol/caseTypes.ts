/**
 * What one benchmark case is (one engine, one model, one precision, one backend) and what it
 * measures. Plain data: the same objects travel to a child Node process or into a Chromium page.
 */
import type { RawImage } from '../../../webview/engine/api';
import type { SessionTotals } from './sessionTimer';

/** `inkwell-ort-node`: our engine on onnxruntime-node's native CPU backend (the CPU-fallback question). */
export type EngineName = 'inkwell' | 'transformers.js' | 'inkwell-ort-node';
/** `node-webgpu`: onnxruntime-web's WebGPU build in Node on Dawn, for GPU machines without a browser. */
export type BackendName = 'node-wasm' | 'node-webgpu' | 'chromium-wasm' | 'chromium-webgpu';
export type BenchDtype = 'fp32' | 'q4' | 'fp16' | 'q4f16';

export interface ContextPrompt {
  /** The context asked for (128, 1024, 4096...). */
  context: number;
  /** Raw prompt text that tokenizes to `context` tokens. */
  text: string;
}

export interface CaseSpec {
  engine: EngineName;
  /** The model's folder name (transformers.js' model id, the Chromium server's mount). */
  model: string;
  /** How results name it (the name, marked when its depth is reduced). */
  label: string;
  family: 'llama' | 'idefics3';
  /** Folder path (Node) or URL ending in `/` (Chromium). */
  modelLocation: string;
  dtype: BenchDtype;
  device: 'wasm' | 'webgpu';
  contexts: ContextPrompt[];
  /** inkwell-ort-node only: onnxruntime-node's intra-op threads. */
  ortNodeThreads?: number;
  /**
   * Text of a second chat turn: after the longest context's generation, that prompt plus its reply
   * plus this is generated from (one token), as a chat sends its whole history again.
   */
  followUpText?: string;
  /** The follow-up with its end rewritten, sent right after it: an edited last message. */
  editedFollowUpText?: string;
  /** Decode steps timed after the first token. */
  decodeTokens: number;
  /** The time-to-first-token prompt: `<image>` plus text for VLMs, text alone for text models. */
  ttftPrompt?: { text: string; image?: RawImage };
}

export interface ContextFigures {
  context: number;
  promptTokens: number;
  prefillMs: number;
  prefillTokensPerSecond: number;
  decodeSteps: number;
  decodeMs: number;
  decodeTokensPerSecond: number;
  /**
   * Wall time per decode step spent outside session.run: the engine's own loop, and, for outputs
   * an engine keeps on the GPU, the wait for the GPU that session.run no longer includes.
   */
  decodeOutsideOrtMsPerToken: number;
  /**
   * CPU time in each phase (the Node process; in Chromium, all of Chromium's processes), which
   * other programs on a shared machine barely move, unlike wall time.
   */
  prefillCpuMs?: number;
  decodeCpuMs?: number;
  decodeTokensPerCpuSecond?: number;
  /**
   * On Chromium's WebGPU: CPU time per decode step of the page's thread, where onnxruntime-web
   * prepares every kernel for the GPU (cpuBinding.ts), the median of the steps: a mean of a few
   * was thrown by a single slow one (45 ms among steps of 2-4, a garbage collection it seems). On
   * SwiftShader, whose workers compute the kernels on the CPU, wall time says nothing about a GPU;
   * this is a part no GPU takes over.
   */
  decodePageThreadCpuMsPerToken?: number;
  /** On WebGPU: compute kernels dispatched per decode step (gpuDispatches.ts). */
  decodeGpuDispatchesPerToken?: number;
  /** On WebGPU: command buffer submits per decode step (gpuDispatches.ts). */
  decodeGpuSubmitsPerToken?: number;
  /** Generated ids, to check that both engines computed the same thing. */
  ids: number[];
}

export interface CaseFigures {
  loadMs: number;
  contexts: ContextFigures[];
  /** Wall time of the follow-up turn's first token, and at what context (the longest measured). */
  followUpTtftMs?: number;
  followUpContext?: number;
  followUpPromptTokens?: number;
  /** Wall time of the first token of the edited follow-up (the same history, a different ending). */
  editTtftMs?: number;
  /** Wall time of a one-token generation with the TTFT prompt, preprocessing included. */
  ttftMs?: number;
  ttftPromptTokens?: number;
  /** Time inside the vision encoder's session.run during that generation (VLMs). */
  imageEncodeMs?: number;
  /** Time inside session.run per graph over the whole case, and how many runs. */
  sessions: SessionTotals;
}
