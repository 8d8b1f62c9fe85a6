import * as onnxProto from 'onnx-proto';
import { expandQuantizedMatMuls, type ExpandedWeights } from './expandQuantizedMatMuls';
import { computeLastPositionLogitsOnly } from './lastPositionLogits';

const { onnx } = onnxProto;

export interface WasmModel {
  readonly bytes: Uint8Array;
  /** For ORT's `externalData` option, when 4-bit weights were expanded. */
  readonly externalData?: ExpandedWeights['externalData'];
}

/**
 * The graph rewrites that make a model faster on onnxruntime-web's wasm backend without changing
 * a bit of what the engine reads (each file says why): undefined when none applies.
 */
export function prepareForWasm(bytes: Uint8Array): WasmModel | undefined {
  const model = onnx.ModelProto.decode(bytes);
  const expanded = expandQuantizedMatMuls(model);
  const sliced = computeLastPositionLogitsOnly(model);
  if (!expanded && !sliced) return undefined;
  return { bytes: onnx.ModelProto.encode(model).finish(), externalData: expanded?.externalData };
}
