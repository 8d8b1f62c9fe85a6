import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as onnxProto from 'onnx-proto';
import { toHalfPrecision } from '../../scripts/fixtures/onnx/halfPrecision';

const { onnx } = onnxProto;

/**
 * A copy of a text model's folder under `into` whose fp16 and q4f16 files are remade as
 * transformers.js' own conversion script makes them (onnxconverter-common with keep_io_types):
 * float16 inside, every float input and output float32 (the KV cache and logits too), cast at the
 * graph's edge, while the config's `kv_cache_dtype` still says float16. Returns the copy's path.
 */
export function keepIoTypesCopy(modelDir: string, into: string): string {
  const copy = join(into, basename(modelDir));
  cpSync(modelDir, copy, { recursive: true });
  for (const [full, half] of [
    ['model.onnx', 'model_fp16.onnx'],
    ['model_q4.onnx', 'model_q4f16.onnx'],
  ]) {
    const model = onnx.ModelProto.decode(readFileSync(join(copy, 'onnx', full)));
    const graph = model.graph!;
    const floatIo = [...graph.input!, ...graph.output!].filter((v) => v.type?.tensorType?.elemType === onnx.TensorProto.DataType.FLOAT).map((v) => v.name!);
    model.graph = onnx.GraphProto.create(toHalfPrecision(graph, { float32Io: floatIo }));
    writeFileSync(join(copy, 'onnx', half), onnx.ModelProto.encode(model).finish());
  }
  return copy;
}
