import * as onnxProto from 'onnx-proto';
import { freshName } from './graphNames';
import { float32Values, int64Values } from './initializerData';

const { onnx } = onnxProto;
type Graph = onnxProto.onnx.IGraphProto;

/** Adds an int64 initializer named after `base` (a fresh name) holding `values`; returns its name. */
export function addInt64Initializer(graph: Graph, taken: Set<string>, base: string, values: readonly bigint[], dims = [values.length]): string {
  const name = freshName(base, taken);
  const rawData = new Uint8Array(BigInt64Array.from(values).buffer);
  graph.initializer = [...(graph.initializer ?? []), { name, dataType: onnx.TensorProto.DataType.INT64, dims, rawData }];
  return name;
}

/** The values of an int64 initializer or Constant node output called `name`; undefined for anything computed. */
export function int64Constant(graph: Graph, name: string): bigint[] | undefined {
  const tensor = constantTensor(graph, name);
  return tensor ? int64Values(tensor) : undefined;
}

/** The value of a float32 scalar (or one-element) initializer or Constant called `name`. */
export function float32Scalar(graph: Graph, name: string): number | undefined {
  const tensor = constantTensor(graph, name);
  const values = tensor ? float32Values(tensor) : undefined;
  return values?.length === 1 ? values[0] : undefined;
}

function constantTensor(graph: Graph, name: string): onnxProto.onnx.ITensorProto | undefined {
  const initializer = graph.initializer?.find((t) => t.name === name);
  const constant = graph.node?.find((n) => n.opType === 'Constant' && n.output?.[0] === name);
  return initializer ?? constant?.attribute?.find((a) => a.name === 'value')?.t ?? undefined;
}
