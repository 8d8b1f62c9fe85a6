import type * as onnxProto from 'onnx-proto';

type Node = onnxProto.onnx.INodeProto;

/** A node's INT attribute `name` as a number; undefined when the node does not set it. */
export function intAttribute(node: Node, name: string): number | undefined {
  const attribute = node.attribute?.find((a) => a.name === name);
  return attribute?.i === undefined || attribute.i === null ? undefined : Number(attribute.i);
}

/** A node's INTS attribute `name` as numbers; undefined when the node does not set it. */
export function intsAttribute(node: Node, name: string): number[] | undefined {
  return node.attribute?.find((a) => a.name === name)?.ints?.map(Number);
}
