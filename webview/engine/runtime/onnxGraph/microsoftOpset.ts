import type * as onnxProto from 'onnx-proto';

/** onnxruntime's own operators (GroupQueryAttention, RotaryEmbedding, MatMulNBits...). */
export const MS_DOMAIN = 'com.microsoft';

/** Declares the com.microsoft opset a rewrite's new nodes need, which a file with none of them lacks. */
export function importMicrosoftOpset(model: onnxProto.onnx.IModelProto): void {
  if (!model.opsetImport?.some((o) => o.domain === MS_DOMAIN)) model.opsetImport = [...(model.opsetImport ?? []), { domain: MS_DOMAIN, version: 1 }];
}
