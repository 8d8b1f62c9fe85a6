/**
 * The figures we track, Inkwell over transformers.js per model, backend and precision, against the
 * targets: decode at 1k context ≥ 1.5x on WebGPU and ≥ 1.2x on WASM; decode at 4k ≥ 70% of
 * decode at 128. This is what `npm run bench -- --json` prints.
 */
import type { BenchRun, CaseResult } from './benchResults';
import type { BackendName } from './protocol/caseTypes';

const TRACKED_CONTEXT = 1024;
const DECODE_TARGET: Record<BackendName, number> = { 'chromium-webgpu': 1.5, 'node-webgpu': 1.5, 'chromium-wasm': 1.2, 'node-wasm': 1.2 };
const LONG_CONTEXT_TARGET = 0.7;

export interface SummaryRow {
  model: string;
  backend: BackendName;
  dtype: string;
  /** Decode at TRACKED_CONTEXT (or the longest context measured below it, named in `context`). */
  context: number | null;
  inkwellTokensPerSecond: number | null;
  transformersJsTokensPerSecond: number | null;
  ratio: number | null;
  /** The same ratio from CPU time (Node only): what the engines cost, whatever else the machine runs. */
  cpuTimeRatio: number | null;
  decodeTarget: number;
  /** On WebGPU: compute kernels dispatched per decode step at `context`, what a step costs there. */
  inkwellGpuDispatchesPerToken: number | null;
  transformersJsGpuDispatchesPerToken: number | null;
  inkwellGpuSubmitsPerToken: number | null;
  transformersJsGpuSubmitsPerToken: number | null;
  /**
   * On Chromium's WebGPU: transformers.js' CPU time per decode step on the page's thread over
   * Inkwell's (caseTypes.ts): what each engine's steps cost onnxruntime-web's side, which bound
   * decode on a fast GPU (docs/benchmarks.md), measurable on SwiftShader, whose times are not.
   */
  pageThreadCpuRatio: number | null;
  /** Inkwell's time to first token over transformers.js' (below 1: Inkwell answers sooner). */
  ttftRatio: number | null;
  inkwellTtftMs: number | null;
  transformersJsTtftMs: number | null;
  /** The same for a follow-up chat turn (the longest context's prompt, its reply and 64 more tokens). */
  followUpTtftRatio: number | null;
  /** And for that turn edited at its end and sent again. */
  editTtftRatio: number | null;
  /** Inkwell's decode at 4k over its decode at 128, when both were measured; target ≥ 0.7. */
  inkwellLongContextRetention: number | null;
  longContextTarget: number;
}

export function summarize(run: BenchRun): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const keys = new Set(run.cases.filter((c) => c.engine !== 'inkwell-ort-node').map((c) => `${c.model}|${c.backend}|${c.dtype}`));
  for (const key of keys) {
    const [model, backend, dtype] = key.split('|') as [string, BackendName, string];
    const find = (engine: string) => run.cases.find((c) => c.model === model && c.backend === backend && c.dtype === dtype && c.engine === engine);
    const ink = find('inkwell');
    const tjs = find('transformers.js');
    const context = trackedContext(ink);
    const inkDecode = decodeAt(ink, context);
    const tjsDecode = decodeAt(tjs, context);
    rows.push({
      model,
      backend,
      dtype,
      context: context ?? null,
      inkwellTokensPerSecond: inkDecode?.decodeTokensPerSecond ?? null,
      transformersJsTokensPerSecond: tjsDecode?.decodeTokensPerSecond ?? null,
      ratio: divide(inkDecode?.decodeTokensPerSecond, tjsDecode?.decodeTokensPerSecond),
      cpuTimeRatio: divide(inkDecode?.decodeTokensPerCpuSecond, tjsDecode?.decodeTokensPerCpuSecond),
      decodeTarget: DECODE_TARGET[backend],
      inkwellGpuDispatchesPerToken: inkDecode?.decodeGpuDispatchesPerToken ?? null,
      transformersJsGpuDispatchesPerToken: tjsDecode?.decodeGpuDispatchesPerToken ?? null,
      inkwellGpuSubmitsPerToken: inkDecode?.decodeGpuSubmitsPerToken ?? null,
      transformersJsGpuSubmitsPerToken: tjsDecode?.decodeGpuSubmitsPerToken ?? null,
      pageThreadCpuRatio: divide(tjsDecode?.decodePageThreadCpuMsPerToken, inkDecode?.decodePageThreadCpuMsPerToken),
      ttftRatio: divide(ink?.figures?.ttftMs, tjs?.figures?.ttftMs),
      inkwellTtftMs: ink?.figures?.ttftMs ?? null,
      transformersJsTtftMs: tjs?.figures?.ttftMs ?? null,
      followUpTtftRatio: divide(ink?.figures?.followUpTtftMs, tjs?.figures?.followUpTtftMs),
      editTtftRatio: divide(ink?.figures?.editTtftMs, tjs?.figures?.editTtftMs),
      inkwellLongContextRetention: divide(decodeAt(ink, 4096)?.decodeTokensPerSecond, decodeAt(ink, 128)?.decodeTokensPerSecond),
      longContextTarget: LONG_CONTEXT_TARGET,
    });
  }
  return rows;
}

function trackedContext(c: CaseResult | undefined): number | undefined {
  const measured = (c?.figures?.contexts ?? []).map((x) => x.context).filter((n) => n <= TRACKED_CONTEXT);
  return measured.length > 0 ? Math.max(...measured) : undefined;
}

function decodeAt(c: CaseResult | undefined, context: number | undefined) {
  return c?.figures?.contexts.find((x) => x.context === context);
}

function divide(a: number | undefined, b: number | undefined): number | null {
  return a !== undefined && b !== undefined && b > 0 ? a / b : null;
}
