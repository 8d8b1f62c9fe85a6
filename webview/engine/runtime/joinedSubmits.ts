/**
 * onnxruntime-web's WebGPU backend submits a command buffer every 16 kernels, and so does its
 * replay of a captured step: 31 submits a decode step for SmolLM2-135M's 489 kernels. While ORT
 * encodes kernels one by one that lets the GPU start on the first while the page encodes the next;
 * a replay has no such work to overlap, and in Chromium each submit costs the page's thread a trip
 * to the GPU process. Measured in headless Chromium on SwiftShader (a 30-layer tiny-llama, 489
 * kernels a step like SmolLM2's): a replayed step took 5.6-6.4 ms of the page's main thread with
 * its 31 submits, 2.4-2.5 ms with one, the same ids.
 *
 * So while `body` runs, the queue holds the command buffers submitted to it and submits them as
 * one, in their order, at the end of the task that submitted them; a call that must come after
 * their work (a buffer or texture write, a wait for submitted work) submits them first. A buffer
 * mapped for reading (`mapAsync`) in the same task as a held submit would not see its work:
 * replayed steps read nothing back inside their run.
 *
 * One submit leaves a GPU idle while the step is encoded, which ORT's chunks did not; on the H200
 * (through Dawn in Node) two rounds of each could not tell them apart. `buffersPerSubmit` submits
 * that many command buffers at a time instead (1: ORT's own submits), for the bench to compare
 * (scripts/bench/replay/benchReplayedSteps.ts --submits).
 */
const ORDERED_AFTER_SUBMITS = ['writeBuffer', 'writeTexture', 'copyExternalImageToTexture', 'onSubmittedWorkDone'] as const;

export async function withJoinedSubmits<T>(queue: GPUQueue, body: () => Promise<T>, buffersPerSubmit = Infinity): Promise<T> {
  // Nested or concurrent calls leave the joining to the outer one.
  if (Object.hasOwn(queue, 'submit')) return body();
  const prototype = Object.getPrototypeOf(queue) as GPUQueue;
  const held: GPUCommandBuffer[] = [];
  const submitHeld = () => {
    if (held.length > 0) prototype.submit.call(queue, held.splice(0));
  };
  const own = queue as unknown as Record<string, unknown>;
  own.submit = (buffers: Iterable<GPUCommandBuffer>) => {
    if (held.length === 0) queueMicrotask(submitHeld);
    held.push(...buffers);
    if (held.length >= buffersPerSubmit) submitHeld();
  };
  for (const name of ORDERED_AFTER_SUBMITS) {
    const call = prototype[name] as (...args: unknown[]) => unknown;
    own[name] = (...args: unknown[]) => {
      submitHeld();
      return call.apply(queue, args);
    };
  }
  try {
    return await body();
  } finally {
    for (const name of ['submit', ...ORDERED_AFTER_SUBMITS]) delete own[name];
    submitHeld();
  }
}
