import type { Ort } from '../api';

export type Rows = Float32Array | Uint16Array;
export type RowsType = 'float32' | 'float16';

/**
 * What our fix to onnxruntime-web's wasm glue (scripts/ortResidentInputsPatch.ts) puts on
 * `env.wasm`: blocks of ORT's wasm heap that a run reads as inputs where they are, where it
 * otherwise copies every input into the heap on every run.
 */
export interface ResidentHeap {
  /** A block of `bytes` in the heap (which may grow, replacing `memory()`); 0 when it cannot grow. */
  allocate(bytes: number): number;
  free(pointer: number): void;
  /** The heap as it is now. */
  memory(): ArrayBuffer;
  /** Makes the next run given `view` (of the block at `pointer`) as an input's data read it in place. */
  hold(view: Float32Array, pointer: number): void;
}

/** The heap our fix puts on `ort`'s `env.wasm`; undefined on any ORT without it. */
export function residentHeapOf(ort: Ort): ResidentHeap | undefined {
  return (ort.env.wasm as { inkwellResidentHeap?: ResidentHeap }).inkwellResidentHeap;
}

/** Rows a cache keeps unchanged over many runs. */
export interface SettledRows {
  /** The rows, to read or fill: valid until the heap next grows (any run or allocation may grow it). */
  view(): Rows;
  /** The first `length` elements as an input's data, made just before the run that reads them. */
  input(length: number): Rows;
  /** Frees the rows; no method may be called after. */
  release(): void;
}

/** New settled rows of `length` elements, zeroed or not: the caller fills them. */
export type AllocateSettledRows = (type: RowsType, length: number) => SettledRows;

/**
 * Settled rows in ORT's wasm heap where the `ort` given has our fix and the rows are float32 (ORT
 * rewraps float16 data given as a Uint16Array where Float16Array exists, so a held view would not
 * be recognised), in an array of their own otherwise: native onnxruntime, a build without the fix,
 * a heap that cannot grow or that runs in ORT's proxy worker.
 */
export function settledRowsFor(ort: Ort): AllocateSettledRows {
  const heap = residentHeapOf(ort);
  return (type, length) => (heap && type === 'float32' && length > 0 && residentRows(heap, length)) || ownRows(type, length);
}

function residentRows(heap: ResidentHeap, length: number): SettledRows | undefined {
  let pointer: number;
  try {
    pointer = heap.allocate(length * Float32Array.BYTES_PER_ELEMENT);
  } catch {
    // The heap is out of reach: ORT runs in its proxy worker.
    return undefined;
  }
  if (pointer === 0) return undefined;
  return {
    view: () => new Float32Array(heap.memory(), pointer, length),
    input: (inputLength) => {
      const view = new Float32Array(heap.memory(), pointer, inputLength);
      heap.hold(view, pointer);
      return view;
    },
    release: () => heap.free(pointer),
  };
}

function ownRows(type: RowsType, length: number): SettledRows {
  const rows = type === 'float16' ? new Uint16Array(length) : new Float32Array(length);
  return { view: () => rows, input: (inputLength) => rows.subarray(0, inputLength), release: () => undefined };
}
