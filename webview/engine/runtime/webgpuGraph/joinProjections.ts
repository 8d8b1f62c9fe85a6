/**
 * Each layer of a 4-bit export projects its normed rows three times, into queries, keys and
 * values: three MatMulNBits kernels over the same input. On WebGPU, where a decode step costs about
 * what its kernels cost to dispatch (docs/benchmarks.md), this rewrite makes them one MatMulNBits
 * over the three weight matrices stacked (their rows, scales and zero points one after another),
 * then a Split back into the three results: two kernels instead of three, 30 fewer a step for
 * SmolLM2-135M. Each output column is the same dot product of the same 4-bit row, which
 * onnxruntime's WebGPU kernel sums in the same order whatever the number of columns (measured
 * bit-identical on SwiftShader and lavapipe, one to 1024 rows). A pair of products of one input
 * (the MLP's gate and up) would gain no kernel, so only groups of three or more are joined.
 *
 * Symmetric 4-bit products (no zero points, as transformers.js' quantize.py makes q4 by default)
 * of blocks of 32, which a normalization (fuseRmsNorm.ts) feeds to them alone, are left as they
 * are: onnxruntime-web 1.30 fuses those itself, the norm included, into its MatMulNBitsQkv
 * (`MatMulNBitsQkvFusion`; its kernel takes 4 bits and blocks of 32 only), which our join would
 * hide from it: measured through Dawn on SwiftShader, SmolLM2-135M's shape with 2 layers and its
 * zero points dropped, 26 kernels a decode step unjoined against 29 joined.
 */
import * as onnxProto from 'onnx-proto';
import { addInt64Initializer } from '../onnxGraph/graphConstants';
import { freshName, inputUses, takenNames } from '../onnxGraph/graphNames';
import { isExternal } from '../onnxGraph/initializerData';
import { MS_DOMAIN } from '../onnxGraph/microsoftOpset';
import { intAttribute } from '../onnxGraph/nodeAttributes';
import { isOp, producersOf } from '../onnxGraph/nodeMatch';
import { dropUnusedInitializers } from '../onnxGraph/pruneGraph';

const { onnx } = onnxProto;
type Graph = onnxProto.onnx.IGraphProto;
type Node = onnxProto.onnx.INodeProto;
type Model = onnxProto.onnx.IModelProto;
type Tensor = onnxProto.onnx.ITensorProto;

const MIN_GROUP = 3;
/** MatMulNBits' attributes that must agree for the products to be one: all but N. */
const SHARED_ATTRIBUTES = ['K', 'bits', 'block_size', 'accuracy_level'];

/** Rewrites `model` in place; returns how many groups of products now run as one. */
export function joinProjections(model: Model): number {
  const graph = model.graph;
  if (!graph?.node) return 0;
  const initializers = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t]));
  const producers = producersOf(graph);
  const uses = inputUses(graph);
  const groups = [...groupByInput(graph, initializers).values()].filter((group) => group.length >= MIN_GROUP && !fusedByOrt(graph, producers, uses, group));
  if (groups.length === 0) return 0;
  const taken = takenNames(graph);
  const sizesAsInput = splitTakesSizesInput(model);
  const replaced = new Set<string>();
  const joined = new Map<Node, Node[]>();
  for (const group of groups) {
    group.flatMap((node) => node.input!.slice(1)).forEach((name) => replaced.add(name));
    joined.set(group[0]!, join(graph, initializers, taken, group, sizesAsInput));
  }
  const dropped = new Set(groups.flatMap((group) => group.slice(1)));
  graph.node = graph.node.flatMap((node) => joined.get(node) ?? (dropped.has(node) ? [] : [node]));
  dropUnusedInitializers(graph, replaced);
  return groups.length;
}

/** The MatMulNBits nodes that can be joined, by what must be the same for them: input, attributes, weight layouts. */
function groupByInput(graph: Graph, initializers: ReadonlyMap<string, Tensor>): Map<string, Node[]> {
  const groups = new Map<string, Node[]>();
  for (const node of graph.node ?? []) {
    if (node.opType !== 'MatMulNBits' || node.domain !== MS_DOMAIN) continue;
    const inputs = node.input ?? [];
    if (node.output?.length !== 1) continue;
    // The input, the 4-bit rows, their scales and perhaps zero points: no g_idx, no bias.
    if (inputs.length < 3 || inputs.length > 4 || inputs.includes('')) continue;
    const weights = inputs.slice(1).map((name) => initializers.get(name));
    if (!weights.every((t): t is Tensor => !!t?.rawData?.length && !isExternal(t) && t.dims?.length !== 0)) continue;
    const n = intAttribute(node, 'N');
    if (n === undefined || weights.some((t) => Number(t.dims![0]) % n !== 0)) continue;
    const key = JSON.stringify([
      inputs[0],
      SHARED_ATTRIBUTES.map((name) => intAttribute(node, name) ?? null),
      // The layout of one output column's weights: each tensor's type and its size per column.
      weights.map((t) => [t.dataType, t.dims!.slice(1).map(Number), Number(t.dims![0]) / n]),
    ]);
    groups.set(key, [...(groups.get(key) ?? []), node]);
  }
  return groups;
}

/** Whether onnxruntime's own MatMulNBitsQkvFusion takes these products with the norm that feeds them. */
function fusedByOrt(graph: Graph, producers: ReadonlyMap<string, Node>, uses: ReadonlyMap<string, number>, group: Node[]): boolean {
  if (group.length !== 3 || group.some((node) => node.input!.length !== 3)) return false;
  if (intAttribute(group[0]!, 'bits') !== 4 || intAttribute(group[0]!, 'block_size') !== 32) return false;
  const input = group[0]!.input![0]!;
  const norm = producers.get(input);
  const isNorm = isOp(norm, 'SimplifiedLayerNormalization') || (norm?.opType === 'SkipSimplifiedLayerNormalization' && norm.domain === MS_DOMAIN);
  // The norm's output read by these three alone, each once.
  if (!isNorm || norm!.output![0] !== input || uses.get(input) !== 3 || graph.output?.some((output) => output.name === input)) return false;
  // The queries' width apart, the keys' and values' the same.
  const [a, b, c] = group.map((node) => intAttribute(node, 'N'));
  return [a !== b && b === c, b !== a && a === c, c !== a && a === b].some(Boolean);
}

/** One MatMulNBits over the group's weights stacked, and a Split into the group's outputs. */
function join(graph: Graph, initializers: ReadonlyMap<string, Tensor>, taken: Set<string>, group: Node[], sizesAsInput: boolean): Node[] {
  const first = group[0]!;
  const columns = group.map((node) => intAttribute(node, 'N')!);
  const stacked = first.input!.slice(1).map((_, slot) => {
    const parts = group.map((node) => initializers.get(node.input![slot + 1]!)!);
    const name = freshName(`${parts[0]!.name}_joined`, taken);
    const rawData = new Uint8Array(parts.reduce((sum, t) => sum + t.rawData!.length, 0));
    parts.reduce((offset, t) => (rawData.set(t.rawData!, offset), offset + t.rawData!.length), 0);
    const dims = [parts.reduce((sum, t) => sum + Number(t.dims![0]), 0), ...parts[0]!.dims!.slice(1).map(Number)];
    graph.initializer!.push({ name, dataType: parts[0]!.dataType, dims, rawData });
    return name;
  });
  const product = freshName(`${first.output![0]}_joined`, taken);
  const total = columns.reduce((sum, n) => sum + n, 0);
  const matMul: Node = {
    ...first,
    name: freshName(`${first.name || 'MatMulNBits'}_joined`, taken),
    input: [first.input![0]!, ...stacked],
    output: [product],
    attribute: (first.attribute ?? []).map((a) => (a.name === 'N' ? { ...a, i: total } : a)),
  };
  const outputs = group.map((node) => node.output![0]!);
  const axis = { name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: -1 };
  const split: Node = sizesAsInput
    ? { opType: 'Split', name: freshName(`${product}_split`, taken), input: [product, addInt64Initializer(graph, taken, `${product}_sizes`, columns.map(BigInt))], output: outputs, attribute: [axis] }
    : { opType: 'Split', name: freshName(`${product}_split`, taken), input: [product], output: outputs, attribute: [axis, { name: 'split', type: onnx.AttributeProto.AttributeType.INTS, ints: columns }] };
  return [matMul, split];
}

/** Split reads its sizes from a second input from opset 13 on, from an attribute before. */
function splitTakesSizesInput(model: Model): boolean {
  const version = model.opsetImport?.find((o) => (o.domain ?? '') === '')?.version;
  return Number(version ?? 0) >= 13;
}
