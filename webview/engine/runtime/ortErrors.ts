import type { Device } from '../api';
import { EngineError } from '../errors';

const OUT_OF_MEMORY = /out of memory|failed to allocate|bad_alloc|allocation failed|OOM\b|Array buffer allocation|Maximum call stack|memory access out of bounds|Cannot enlarge memory/i;

/** Turns what ORT throws into an EngineError a user can act on. */
export function toEngineError(error: unknown, device: Device, doing: string): EngineError {
  if (error instanceof EngineError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  if (OUT_OF_MEMORY.test(detail)) {
    return new EngineError(
      'out-of-memory',
      `Ran out of ${device === 'webgpu' ? 'GPU' : 'WebAssembly'} memory while ${doing}. ` +
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
