import * as onnxProto from 'onnx-proto';
import { broadcastRepeatedKv } from './broadcastRepeatedKv';
import { expandQuantizedMatMuls, type ExpandedWeights } from './expandQuantizedMatMuls';
import { computeLastPositionLogitsOnly } from './lastPositionLogits';
import { outputPresentAsNewRows } from './presentAsNewRows';

const { onnx } = onnxProto;

export interface WasmModel {
  readonly bytes: Uint8Array;
  /** For ORT's `externalData` option, when 4-bit weights were expanded. */
  readonly externalData?: ExpandedWeights['externalData'];
}

/**
 * The graph rewrites that make a model faster on onnxruntime-web's wasm backend without changing
 * a bit of what the engine reads (each file says why): undefined when none applies. A decoder
 * rewritten to output only new cache rows needs the cache that appends them (createKvCache.ts).
 * Only expanding the 4-bit weights costs memory (4 bytes a weight); `expandWeights: false` leaves
 * them to ORT for a heap that cannot hold them.
 */
export function prepareForWasm(bytes: Uint8Array, options: { expandWeights: boolean }): WasmModel | undefined {
  const model = onnx.ModelProto.decode(bytes);
  const expanded = options.expandWeights ? expandQuantizedMatMuls(model) : undefined;
  const sliced = computeLastPositionLogitsOnly(model);
  const newRows = outputPresentAsNewRows(model);
  const broadcast = broadcastRepeatedKv(model);
  if (!expanded && !sliced && !newRows && !broadcast) return undefined;
  return { bytes: onnx.ModelProto.encode(model).finish(), externalData: expanded?.externalData };
}
