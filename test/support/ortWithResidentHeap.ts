import type { Ort } from '../../webview/engine/api';
import type { ResidentHeap } from '../../webview/engine/runtime/settledRows';

/** `ort` as the engine sees it with `heap` where our fix puts its heap (settledRows.ts' residentHeapOf). */
export function ortWithResidentHeap(ort: Ort, heap: ResidentHeap): Ort {
  return { ...ort, env: { ...ort.env, wasm: { ...ort.env.wasm, inkwellResidentHeap: heap } } } as Ort;
}
