/**
 * Records the decoder runs the engine makes through an ORT module while installed: how many
 * positions each fed, whether it went through a session created with graph capture (a decode
 * step replayed: replayedDecodeStep.ts), how many of its inputs lay in ORT's wasm heap, held
 * there by the engine (runtime/settledRows.ts), and how many times it submitted work to the GPU's
 * queue. How the page tests see, from outside the engine, how it cut a prompt, whether it replayed
 * its steps, whether those reached the GPU in one submit and whether it read its settled past in
 * place.
 */
import type * as OrtTypes from 'onnxruntime-web';
import type { Ort } from '../../../../webview/engine/api';
import { residentHeapOf } from '../../../../webview/engine/runtime/settledRows';
import { countCalls } from '../../../../scripts/bench/protocol/countCalls';

export interface DecoderRun {
  positions: number;
  replayed: boolean;
  inHeap: number;
  /** Submits to a WebGPU queue from the run's start until it resolved (0 without WebGPU). */
  submits: number;
}

type Session = OrtTypes.InferenceSession;
type Create = (...args: unknown[]) => Promise<Session>;
type Run = (this: Session, ...args: unknown[]) => Promise<unknown>;

export function traceDecoderRuns(ort: Ort): { runs: DecoderRun[]; stop(): void } {
  const sessions = ort.InferenceSession as unknown as { create: Create; prototype: { run: Run } };
  const { create } = sessions;
  const { run } = sessions.prototype;
  const captured = new WeakSet<Session>();
  const runs: DecoderRun[] = [];
  const heap = residentHeapOf(ort);
  const queue = (globalThis as { GPUQueue?: { prototype: GPUQueue } }).GPUQueue;
  const submits = queue && countCalls(queue.prototype, ['submit']);
  const inHeap = (tensor: OrtTypes.Tensor) => tensor.location === 'cpu' && heap !== undefined && (tensor.data as Float32Array).buffer === heap.memory();
  sessions.create = async function tracedCreate(this: unknown, ...args: unknown[]) {
    const session = await create.apply(this, args);
    if ((args[1] as OrtTypes.InferenceSession.SessionOptions | undefined)?.enableGraphCapture) captured.add(session);
    return session;
  };
  sessions.prototype.run = async function tracedRun(this: Session, ...args: unknown[]) {
    if (!this.inputNames.some((name) => name.startsWith('past_key_values.'))) return run.apply(this, args);
    const feeds = args[0] as Record<string, OrtTypes.Tensor>;
    const traced: DecoderRun = {
      positions: (feeds.input_ids ?? feeds.inputs_embeds)!.dims[1]!,
      replayed: captured.has(this),
      inHeap: Object.values(feeds).filter(inHeap).length,
      submits: 0,
    };
    runs.push(traced);
    const before = submits?.count() ?? 0;
    try {
      return await run.apply(this, args);
    } finally {
      traced.submits = (submits?.count() ?? 0) - before;
    }
  };
  return {
    runs,
    stop: () => {
      sessions.create = create;
      sessions.prototype.run = run;
      submits?.restore();
    },
  };
}
