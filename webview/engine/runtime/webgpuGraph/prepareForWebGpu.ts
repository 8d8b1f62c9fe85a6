import * as onnxProto from 'onnx-proto';
import { planGroupQueryAttention } from './fuseGroupQueryAttention';
import { fuseRmsNorm } from './fuseRmsNorm';
import { fuseRotaryEmbedding } from './fuseRotaryEmbedding';
import type { AttentionShape } from './groupQueryAttentionWorks';
import { joinProjections } from './joinProjections';

const { onnx } = onnxProto;

export interface WebGpuModel {
  readonly bytes: Uint8Array;
  /**
   * The head shape of its GroupQueryAttention, to check the operator at on the device first;
   * undefined when the attention is the file's.
   */
  readonly attention: AttentionShape | undefined;
}

/**
 * The graph rewrites for onnxruntime-web's WebGPU backend (each file says why): the rewritten
 * model, or undefined when none applies. RMSNorm and the rotary embedding are fused, and the 4-bit
 * projections of one input joined, wherever they match; the attention only where `useAttention`
 * says so for its head shape (the engine checks the operator on the device first), decided before
 * the one encode. A decoder rewritten to GroupQueryAttention needs the cache that is bound in
 * place (createKvCache.ts).
 */
export async function prepareForWebGpu(bytes: Uint8Array, useAttention: (shape: AttentionShape) => Promise<boolean>): Promise<WebGpuModel | undefined> {
  const model = onnx.ModelProto.decode(bytes);
  const norms = fuseRmsNorm(model);
  const rotations = fuseRotaryEmbedding(model);
  const plan = planGroupQueryAttention(model);
  const attention = plan && (await useAttention(plan.shape)) ? plan.shape : undefined;
  if (attention) plan!.apply();
  const joins = joinProjections(model);
  return norms > 0 || rotations > 0 || joins > 0 || attention ? { bytes: onnx.ModelProto.encode(model).finish(), attention } : undefined;
}
