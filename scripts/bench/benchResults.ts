/** What a bench run produces: every case's figures, the machine, and the memory-bandwidth bound. */
import type { BackendName, BenchDtype, CaseFigures, EngineName } from './protocol/caseTypes';

export interface CaseResult {
  backend: BackendName;
  model: string;
  dtype: BenchDtype;
  engine: EngineName;
  ortNodeThreads?: number;
  figures?: CaseFigures;
  error?: string;
  /** Labelled peak-memory figures in bytes (what each means: see the report's notes). */
  memory: Record<string, number>;
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryBytes: number;
  node: string;
  chromium?: string;
  gpuAdapter?: string;
  /**
   * The most positions a run of onnxruntime-web's GroupQueryAttention computes right on the
   * node-webgpu adapter ('any', a number, 0 for none), by "heads/kv heads/head dim" of the models
   * run ("9/3/64", "9/3/64 float16" for half-precision files): where it is right, Inkwell's WebGPU
   * decoders run it (webgpuGraph/; prompts in chunks of that number), else the exported attention.
   */
  groupQueryAttention?: Record<string, 'any' | number>;
  /** Whether that adapter replays a captured decode step of GroupQueryAttention right (Inkwell then replays its decode steps), by the same key. */
  replayedSteps?: Record<string, boolean>;
  /** 1-minute load average at the start and the end: how much the machine was shared. */
  loadAverage: [number, number];
}

export interface BandwidthBound {
  /** One core's memory read bandwidth (Node, memchr). */
  cpuReadBytesPerSecond: number;
  /** The WebGPU adapter's read bandwidth (a WGSL read kernel), when a Chromium WebGPU case ran. */
  gpuReadBytesPerSecond?: number;
  /** Per model and dtype: weight bytes a decode step reads, and KV-cache bytes per token of context. */
  models: Record<string, { weightBytes: number; kvBytesPerContextToken: number }>;
}

export interface BenchRun {
  startedAt: string;
  durationSeconds: number;
  command: string;
  machine: MachineInfo;
  bound: BandwidthBound;
  cases: CaseResult[];
}

export function boundKey(model: string, dtype: BenchDtype): string {
  return `${model} ${dtype}`;
}

/** Decode tokens/s the memory bandwidth allows at `context`: every weight and cached value read once. */
export function boundTokensPerSecond(run: BenchRun, c: CaseResult, context: number): number | undefined {
  const m = run.bound.models[boundKey(c.model, c.dtype)];
  const bandwidth = c.backend.endsWith('webgpu') ? run.bound.gpuReadBytesPerSecond : run.bound.cpuReadBytesPerSecond;
  if (!m || !bandwidth) return undefined;
  return bandwidth / (m.weightBytes + m.kvBytesPerContextToken * context);
}

/**
 * Several saved runs as one report (say node-wasm at every context, and Chromium WebGPU at 128,
 * measured separately): their cases together, each bound from the run that measured it at its
 * best (the highest bandwidth seen is the closest to the machine's limit).
 */
export function mergeRuns(runs: BenchRun[]): BenchRun {
  const [first] = runs;
  const best = (pick: (r: BenchRun) => number | undefined) => Math.max(...runs.map((r) => pick(r) ?? 0)) || undefined;
  return {
    startedAt: first.startedAt,
    durationSeconds: runs.reduce((sum, r) => sum + r.durationSeconds, 0),
    command: runs.map((r) => r.command).join(' + '),
    machine: {
      ...first.machine,
      chromium: runs.find((r) => r.machine.chromium)?.machine.chromium,
      gpuAdapter: runs.find((r) => r.machine.gpuAdapter)?.machine.gpuAdapter,
      groupQueryAttention: Object.assign({}, ...runs.map((r) => r.machine.groupQueryAttention ?? {})),
      replayedSteps: Object.assign({}, ...runs.map((r) => r.machine.replayedSteps ?? {})),
      loadAverage: [Math.min(...runs.map((r) => r.machine.loadAverage[0])), Math.max(...runs.map((r) => r.machine.loadAverage[1]))],
    },
    bound: {
      cpuReadBytesPerSecond: best((r) => r.bound.cpuReadBytesPerSecond)!,
      gpuReadBytesPerSecond: best((r) => r.bound.gpuReadBytesPerSecond),
      models: Object.assign({}, ...runs.map((r) => r.bound.models)),
    },
    cases: runs.flatMap((r) => r.cases),
  };
}
