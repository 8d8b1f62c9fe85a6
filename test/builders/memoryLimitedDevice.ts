/**
 * A stand-in WebGPU device with `limit` bytes of memory, as far as its error scopes tell: as on
 * WebGPU, a buffer past the limit is still made (invalid), and the out-of-memory scope around it
 * reports the error. It records each buffer, whether it was destroyed and how many bytes were
 * written into it.
 */
export interface StandInBuffer {
  size: number;
  destroyed: boolean;
  written: number;
  destroy(): void;
}

export function memoryLimitedDevice(limit = Infinity) {
  const buffers: StandInBuffer[] = [];
  let used = 0;
  let outOfMemory = false;
  const device = {
    pushErrorScope: () => void (outOfMemory = false),
    popErrorScope: async () => (outOfMemory ? { message: 'out of memory' } : null),
    createBuffer: ({ size }: { size: number }): StandInBuffer => {
      const fits = used + size <= limit;
      if (fits) used += size;
      else outOfMemory = true;
      const buffer: StandInBuffer = {
        size,
        destroyed: false,
        written: 0,
        destroy: () => {
          if (fits && !buffer.destroyed) used -= size;
          buffer.destroyed = true;
        },
      };
      buffers.push(buffer);
      return buffer;
    },
    createCommandEncoder: () => ({ copyBufferToBuffer: () => undefined, finish: () => ({}) }),
    queue: {
      submit: () => undefined,
      writeBuffer: (buffer: StandInBuffer, _offset: number, data: ArrayBufferView, _from?: number, size?: number) => void (buffer.written += size ?? data.byteLength),
    },
  };
  return { device, buffers };
}
