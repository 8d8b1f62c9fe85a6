import * as onnxProto from 'onnx-proto';
import { freshName } from './graphNames';
import { floatValues, int64Values } from './initializerData';

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

/** The value of a float32 or float16 scalar (or one-element) initializer or Constant called `name`. */
export function floatScalar(graph: Graph, name: string): number | undefined {
  const tensor = constantTensor(graph, name);
  const values = tensor ? floatValues(tensor) : undefined;
  return values?.length === 1 ? values[0] : undefined;
}

/** Whether `name` is fixed before the graph runs: an initializer or a Constant node's output. */
export function isConstant(graph: Graph, name: string): boolean {
  return !!initializerNamed(graph, name) || !!constantNode(graph, name);
}

function constantTensor(graph: Graph, name: string): onnxProto.onnx.ITensorProto | undefined {
  return initializerNamed(graph, name) ?? constantNode(graph, name)?.attribute?.find((a) => a.name === 'value')?.t ?? undefined;
}

function initializerNamed(graph: Graph, name: string): onnxProto.onnx.ITensorProto | undefined {
  return graph.initializer?.find((t) => t.name === name);
}

function constantNode(graph: Graph, name: string): onnxProto.onnx.INodeProto | undefined {
  return graph.node?.find((n) => n.opType === 'Constant' && n.output?.[0] === name);
}
