import * as onnxProto from 'onnx-proto';
import { broadcastRepeatedKv } from './broadcastRepeatedKv';
import { expandQuantizedMatMuls, type ExpandedWeights } from './expandQuantizedMatMuls';
import { computeLastPositionLogitsOnly } from './lastPositionLogits';
import { outputPresentAsNewRows } from './presentAsNewRows';

const { onnx } = onnxProto;

export interface CpuModel {
  readonly bytes: Uint8Array;
  /** For ORT's `externalData` option, when 4-bit weights were expanded. */
  readonly externalData?: ExpandedWeights['externalData'];
}

/**
 * The graph rewrites that make a model faster on a CPU runtime (onnxruntime-web's wasm backend,
 * onnxruntime-node's CPU provider) without changing what the engine reads (each file says why):
 * undefined when none applies. A decoder rewritten to output only new cache rows needs the cache
 * that appends them (createKvCache.ts). Only expanding the 4-bit weights costs memory (4 bytes a
 * weight), and only wasm needs it (onnxruntime-node has packed 4-bit kernels): `expandWeights:
 * false` leaves them to ORT.
 */
export function prepareForCpu(bytes: Uint8Array, options: { expandWeights: boolean }): CpuModel | undefined {
  const model = onnx.ModelProto.decode(bytes);
  const expanded = options.expandWeights ? expandQuantizedMatMuls(model) : undefined;
  const sliced = computeLastPositionLogitsOnly(model);
  const newRows = outputPresentAsNewRows(model);
  const broadcast = broadcastRepeatedKv(model);
  if (!expanded && !sliced && !newRows && !broadcast) return undefined;
  return { bytes: onnx.ModelProto.encode(model).finish(), externalData: expanded?.externalData };
}
