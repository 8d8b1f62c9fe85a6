/**
 * Watches every `session.run` of one onnxruntime-web module by wrapping the shared
 * InferenceSession prototype, and reports each finished run with its graph (told apart by its
 * inputs) and duration. Both engines run on the same module, so one probe sees both the same way:
 * it is how the bench tells prefill from decode, and gets image-encoding time, out of either engine.
 */
import type { Ort } from '../../../webview/engine/api';

export type GraphRole = 'vision_encoder' | 'embed_tokens' | 'decoder' | 'other';
export type SessionTotals = Partial<Record<GraphRole, { ms: number; runs: number }>>;

type Run = (this: { inputNames: readonly string[] }, ...args: unknown[]) => Promise<unknown>;

export interface SessionProbe {
  totals(): SessionTotals;
  reset(): void;
  /** Called after each run; replaces the previous listener. */
  onRunEnd(listener: ((role: GraphRole) => void) | undefined): void;
}

export function installSessionProbe(ort: Ort): SessionProbe {
  let totals: SessionTotals = {};
  let listener: ((role: GraphRole) => void) | undefined;
  const proto = (ort.InferenceSession as unknown as { prototype: { run: Run } }).prototype;
  const original = proto.run;
  proto.run = async function timedRun(this: { inputNames: readonly string[] }, ...args: unknown[]) {
    const started = performance.now();
    const result = await original.apply(this, args);
    const role = graphRole(this.inputNames);
    const entry = (totals[role] ??= { ms: 0, runs: 0 });
    entry.ms += performance.now() - started;
    entry.runs++;
    listener?.(role);
    return result;
  };
  return {
    totals: () => structuredClone(totals),
    reset: () => void (totals = {}),
    onRunEnd: (next) => void (listener = next),
  };
}

function graphRole(inputNames: readonly string[]): GraphRole {
  if (inputNames.includes('pixel_values')) return 'vision_encoder';
  if (inputNames.some((n) => n.startsWith('past_key_values.'))) return 'decoder';
  if (inputNames.length === 1 && inputNames[0] === 'input_ids') return 'embed_tokens';
  return 'other';
}
