import type { Device } from '../api';
import { EngineError } from '../errors';

/** What ORT (wasm heap, WebGPU buffers, 32-bit size limits) says when a tensor does not fit. */
const OUT_OF_MEMORY =
  /out of memory|failed to allocate|bad_alloc|allocation failed|\bOOM\b|Array buffer allocation|Cannot enlarge memory|Tensor shape is too large|exceeds the max buffer size|maxBufferSize|maxStorageBufferBindingSize/i;

const MEMORY_OF: Record<Device, string> = { webgpu: 'GPU', wasm: 'WebAssembly', cpu: 'main' };

/** Turns what ORT throws into an EngineError a user can act on. */
export function toEngineError(error: unknown, device: Device, doing: string): EngineError {
  if (error instanceof EngineError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  if (OUT_OF_MEMORY.test(detail)) {
    return new EngineError(
      'out-of-memory',
      `Ran out of ${MEMORY_OF[device]} memory while ${doing}. ` +
        'Try a smaller model, the q4 precision, or a shorter prompt. ' +
        `(${firstLine(detail)})`,
      { cause: error },
    );
  }
  return new EngineError('internal', `ONNX Runtime failed while ${doing}: ${firstLine(detail)}`, { cause: error });
}

function firstLine(text: string): string {
  return text.split('\n')[0].slice(0, 300);
}
