/**
 * Grouped-query attention in the exports repeats each key/value head for the query heads that
 * share it (transformers' `repeat_kv`: Unsqueeze, Expand, Reshape) before both attention products:
 * for SmolLM2-135M (3 kv heads, 9 query heads) that writes three copies of the whole cache, keys
 * and values, in every layer at every step. MatMul broadcasts its batch axes, so with the query
 * heads grouped by the kv head they read, [batch, kv, group, L, d], and the cache given an axis of
 * size 1, [batch, kv, 1, S, d], each head's product reads the cache as it is. Each is the same
 * matrix product on the same rows as before, so on wasm the results keep their bits (the tests
 * compare them; onnxruntime-node's native kernels move the last bits); a decode step at 1k context
 * on one wasm thread no longer spends a third of its time here.
 */
import * as onnxProto from 'onnx-proto';
import { addInt64Initializer, int64Constant } from '../onnxGraph/graphConstants';
import { freshName, takenNames } from '../onnxGraph/graphNames';
import { intsAttribute } from '../onnxGraph/nodeAttributes';
import { isOp, isTranspose, producersOf } from '../onnxGraph/nodeMatch';
import { removeUnusedNodes } from '../onnxGraph/pruneGraph';

const { onnx } = onnxProto;
type Model = onnxProto.onnx.IModelProto;
type Graph = onnxProto.onnx.IGraphProto;
type Node = onnxProto.onnx.INodeProto;

interface RepeatedKv {
  /** The cache with its kv axis followed by an axis of size 1: [batch, kv, 1, S, d]. */
  unsqueezed: string;
  /** The cache itself, [batch, kv, S, d]. */
  cache: string;
  /** Whether the product reads the repeated cache transposed (the keys: Q·Kᵀ). */
  transposed: boolean;
}

/** Rewrites `model` in place; false (untouched) when no MatMul of its top-level graph reads a repeated cache. */
export function broadcastRepeatedKv(model: Model): boolean {
  const graph = model.graph;
  if (!graph?.node) return false;
  const producers = producersOf(graph);
  const taken = takenNames(graph);
  const int64 = memoized((values: string) => addInt64Initializer(graph, taken, 'inkwell_gqa_const', values.split(',').map(BigInt)));
  let rewritten = false;
  graph.node = graph.node.flatMap((node) => {
    const repeated = node.opType === 'MatMul' && (node.domain ?? '') === '' ? repeatedKv(graph, producers, node.input?.[1] ?? '') : undefined;
    if (!repeated) return [node];
    rewritten = true;
    return broadcastProduct(node, repeated, taken, int64);
  });
  if (rewritten) removeUnusedNodes(graph);
  return rewritten;
}

/**
 * The product `a · repeat(cache)` (or `a · repeat(cache)ᵀ`) for `a` = [batch, heads, L, k] as
 * `reshape(a, [batch, kv, heads/kv, L, k]) · cache[:, :, None]`, back to [batch, heads, L, n].
 * Shapes are read at run time (Shape, Slice, Concat on a few int64s), so any head count works.
 */
function broadcastProduct(matMul: Node, repeated: RepeatedKv, taken: Set<string>, int64: (values: string) => string): Node[] {
  const nodes: Node[] = [];
  const op = (opType: string, input: string[], attribute: onnxProto.onnx.IAttributeProto[] = [], output = freshName(`inkwell_gqa_${opType}`, taken)) => {
    nodes.push({ name: freshName(`inkwell_gqa_${opType}_node`, taken), opType, domain: '', input, output: [output], attribute });
    return output;
  };
  const ints = (name: string, values: number[]) => ({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: values });
  const axisZero = [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }];
  const dims = (shape: string, from: number, to: number) => op('Slice', [shape, int64(`${from}`), int64(`${to}`)]);

  const a = matMul.input![0]!;
  const aShape = op('Shape', [a]);
  const groupedShape = op('Concat', [dims(aShape, 0, 1), dims(op('Shape', [repeated.cache]), 1, 2), int64('-1'), dims(aShape, 2, 4)], axisZero);
  const grouped = op('Reshape', [a, groupedShape]);
  const cache = repeated.transposed ? op('Transpose', [repeated.unsqueezed], [ints('perm', [0, 1, 2, 4, 3])]) : repeated.unsqueezed;
  const product = op('MatMul', [grouped, cache]);
  const headsShape = op('Concat', [dims(aShape, 0, 2), dims(op('Shape', [product]), 3, 5)], axisZero);
  op('Reshape', [product, headsShape], [], matMul.output![0]!);
  return nodes;
}

/** `name` as Reshape(Expand(Unsqueeze(cache, axis 2))), optionally transposed in its last two axes. */
function repeatedKv(graph: Graph, producers: Map<string, Node>, name: string): RepeatedKv | undefined {
  let node = producers.get(name);
  let transposed = false;
  if (isOp(node, 'Transpose')) {
    if (!isTranspose(node, [0, 1, 3, 2])) return undefined;
    transposed = true;
    node = producers.get(node!.input![0]!);
  }
  if (!isOp(node, 'Reshape') || !hasRank(graph, producers, node!.input![1]!, 4)) return undefined;
  const expand = producers.get(node!.input![0]!);
  if (!isOp(expand, 'Expand') || !hasRank(graph, producers, expand!.input![1]!, 5)) return undefined;
  // A constant Expand shape must broadcast the new axis only; a computed one is what torch exports of repeat_kv hold.
  const expandShape = int64Constant(graph, expand!.input![1]!);
  if (expandShape && [0, 1, 3, 4].some((axis) => expandShape[axis] !== 1n)) return undefined;
  const unsqueeze = producers.get(expand!.input![0]!);
  if (!isOp(unsqueeze, 'Unsqueeze')) return undefined;
  const axes = unsqueeze!.input?.[1] ? int64Constant(graph, unsqueeze!.input[1]) : intsAttribute(unsqueeze!, 'axes')?.map(BigInt);
  if (axes?.length !== 1 || (axes[0] !== 2n && axes[0] !== -3n)) return undefined;
  return { unsqueezed: unsqueeze!.output![0]!, cache: unsqueeze!.input![0]!, transposed };
}

/** A shape input of `rank` entries: a constant of that length, or a Concat of that many pieces. */
function hasRank(graph: Graph, producers: Map<string, Node>, shape: string, rank: number): boolean {
  const constant = int64Constant(graph, shape);
  if (constant) return constant.length === rank;
  const concat = producers.get(shape);
  return isOp(concat, 'Concat') && concat!.input?.length === rank;
}

function memoized(make: (key: string) => string): (key: string) => string {
  const made = new Map<string, string>();
  return (key) => made.get(key) ?? made.set(key, make(key)).get(key)!;
}
