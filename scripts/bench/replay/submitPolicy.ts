/**
 * How a replayed decode step's command buffers reach the GPU, for an A/B on a real GPU. The engine
 * joins them into one submit a step (webview/engine/runtime/joinedSubmits.ts), which spares
 * Chromium's page thread but leaves the GPU idle until the whole step is encoded; onnxruntime-web
 * on its own submits a command buffer every 16 kernels, letting the GPU start early. Two rounds
 * on the H200 could not tell them apart (docs/benchmarks.md), so the bench can ask for either,
 * or for something between:
 *
 * - `joined`: one submit a step (the engine's default);
 * - `ort`: onnxruntime-web's submits, each as it comes;
 * - a number N: N of ORT's command buffers a submit.
 */
export type SubmitPolicy = 'joined' | 'ort' | number;

export function parseSubmitPolicy(text: string): SubmitPolicy {
  if (text === 'joined' || text === 'ort') return text;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--submits takes joined, ort or a whole number of command buffers, not "${text}"`);
  return count;
}

export function submitPolicyName(policy: SubmitPolicy): string {
  return typeof policy === 'number' ? `${policy} buffers a submit` : policy === 'ort' ? "ORT's submits" : 'joined';
}

/** The policy as ReplayedDecodeStep.create takes it. */
export function buffersPerSubmit(policy: SubmitPolicy): number {
  return policy === 'joined' ? Infinity : policy === 'ort' ? 1 : policy;
}
