import type * as onnxProto from 'onnx-proto';
import { intAttribute, intsAttribute } from './nodeAttributes';

type Graph = onnxProto.onnx.IGraphProto;
type Node = onnxProto.onnx.INodeProto;

/** The top-level node that outputs each value. */
export function producersOf(graph: Graph): Map<string, Node> {
  return new Map((graph.node ?? []).flatMap((node) => (node.output ?? []).map((name) => [name, node] as const)));
}

/** Whether `node` is the standard (ai.onnx) operator `opType`. */
export function isOp(node: Node | undefined, opType: string): boolean {
  return node?.opType === opType && (node.domain ?? '') === '';
}

/** Whether `node` is a Transpose with permutation `perm`. */
export function isTranspose(node: Node | undefined, perm: readonly number[]): boolean {
  return isOp(node, 'Transpose') && intsAttribute(node!, 'perm')?.join() === perm.join();
}

/** Concat(past, rows) on axis 2 (or -2) of [batch, heads, sequence, head_dim]: a cache updated as the exports do. */
export function appendsToPast(node: Node, past: string): boolean {
  if (!isOp(node, 'Concat') || node.input?.length !== 2 || node.input[0] !== past) return false;
  const axis = intAttribute(node, 'axis');
  return axis === 2 || axis === -2;
}

/** A two-input node's inputs in both orders, for commutative operators (Add, Mul). */
export function inputOrders(node: Node): [string, string][] {
  const [first, second] = node.input ?? [];
  return first && second ? [[first, second], [second, first]] : [];
}
