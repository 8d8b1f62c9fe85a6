import * as onnxProto from 'onnx-proto';
import { fuseGroupQueryAttention } from './fuseGroupQueryAttention';
import type { AttentionShape } from './groupQueryAttentionWorks';

const { onnx } = onnxProto;

export interface WebGpuModel {
  readonly bytes: Uint8Array;
  /** The head shape of its GroupQueryAttention, to check the operator at on the device first. */
  readonly attention: AttentionShape;
}

/**
 * The graph rewrites for onnxruntime-web's WebGPU backend (each file says why): the rewritten
 * model, or undefined when none applies. A decoder rewritten to GroupQueryAttention needs the
 * cache that is bound in place (createKvCache.ts).
 */
export function prepareForWebGpu(bytes: Uint8Array): WebGpuModel | undefined {
  const model = onnx.ModelProto.decode(bytes);
  const attention = fuseGroupQueryAttention(model);
  return attention ? { bytes: onnx.ModelProto.encode(model).finish(), attention } : undefined;
}
