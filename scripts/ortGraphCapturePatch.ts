/**
 * A one-condition fix to onnxruntime-web 1.30's JavaScript, applied to its WebGPU builds wherever
 * we bundle or ship them. With `enableGraphCapture`, ORT binds a session's inputs and outputs to
 * the caller's GPU buffers on the first run and replays that binding after; but on every later run
 * its glue treats the bound outputs as new ones and looks their buffers up by the handles of the
 * first run, which it had unregistered when that run ended: the lookup finds nothing and the run
 * throws ("Cannot set properties of undefined") once the handles are not reused by chance
 * (measured: the second decode step of SmolLM2 throws, a three-node graph does not). Every output
 * of a captured session is one the caller bound (ORT refuses a capture otherwise), so the fix
 * hands back the caller's tensor for each, as the first run does. The engine runs captured
 * steps only after a check that replays them (webgpuGraph/replayedStepWorks.ts), so a build
 * without the fix falls back to uncaptured steps instead of failing.
 */
const NAME = '[\\w$]+';

/** `activeSessions.set(id, [handle, inputNames, outputNames, binding, enableGraphCapture, true])`: the flag's name. */
const BOUND_SESSION = new RegExp(`\\.set\\(\\s*${NAME},\\s*\\[\\s*${NAME},\\s*${NAME},\\s*${NAME},\\s*${NAME},\\s*(${NAME}),\\s*(?:!0|true)\\s*\\]\\)`, 'g');

/** `if (tensor === outputTensorHandles[i] || preAllocatedOutputs.includes(outputTensorHandles[i])) {` */
const CALLERS_OUTPUT = new RegExp(`if\\s*\\((${NAME})\\s*===\\s*(${NAME})\\[(${NAME})\\]\\s*\\|\\|\\s*(${NAME})\\.includes\\(\\2\\[\\3\\]\\)\\)\\s*\\{`, 'g');

/** `source` with the fix; throws unless the code it fixes is there exactly once, so an ORT update cannot drop it silently. */
export function patchGraphCaptureOutputs(source: string): string {
  const flags = [...source.matchAll(BOUND_SESSION)];
  const conditions = [...source.matchAll(CALLERS_OUTPUT)];
  if (flags.length !== 1 || conditions.length !== 1) {
    throw new Error(`onnxruntime-web's graph-capture output handling changed (${flags.length} bindings, ${conditions.length} output checks): review scripts/ortGraphCapturePatch.ts`);
  }
  const flag = flags[0]![1]!;
  const [condition, returned, handles, index, preallocated] = conditions[0]!;
  const fixed = `if (${returned} === ${handles}[${index}] || ${preallocated}.includes(${handles}[${index}]) || ${flag}) {`;
  return source.replace(condition, fixed);
}

/** onnxruntime-web's WebGPU builds, the files that hold the code fixed. */
export const ORT_WEBGPU_BUILD = /onnxruntime-web[\\/]dist[\\/]ort\.webgpu[^\\/]*\.mjs$/;
