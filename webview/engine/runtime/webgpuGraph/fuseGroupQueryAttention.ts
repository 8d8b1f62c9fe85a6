/**
 * On WebGPU a decode step costs about the same whatever the context (docs/benchmarks.md): the time
 * goes to dispatching kernels, one by one from single-threaded wasm, and to allocating buffers.
 * The exports' attention is a dozen kernels a layer (append the step's rows to a copy of the
 * whole cache, repeat the kv heads for the query heads, transpose, two products, scale, mask,
 * softmax, transpose back) over a cache that is a fresh, one-row-longer buffer every step. This
 * rewrite runs each layer's attention as onnxruntime's GroupQueryAttention instead: one operator
 * that reads the shared kv heads where they are and masks by position itself, on a cache of fixed
 * capacity that the engine binds as both the past input and the present output, so the step's
 * rows are written into it in place (inPlaceGpuKvCache.ts). The attention bias subgraph goes too.
 * The products and the softmax are summed in another order than the exports', so the bits of the
 * logits move (the tests compare them within float tolerance and the generated ids exactly).
 */
import * as onnxProto from 'onnx-proto';
import { cacheLayerCount, KV_KINDS, pastName, presentName, SEQLENS_K, TOTAL_SEQUENCE_LENGTH } from '../kvCacheNames';
import { addInt64Initializer, floatScalar, int64Constant } from '../onnxGraph/graphConstants';
import { freshName, inputUses, takenNames } from '../onnxGraph/graphNames';
import { importMicrosoftOpset, MS_DOMAIN } from '../onnxGraph/microsoftOpset';
import { intAttribute } from '../onnxGraph/nodeAttributes';
import { appendsToPast, isOp, isTranspose, producersOf } from '../onnxGraph/nodeMatch';
import { dropUnusedInitializers, removeUnusedNodes } from '../onnxGraph/pruneGraph';
import type { AttentionShape } from './groupQueryAttentionWorks';

const { onnx } = onnxProto;
type Model = onnxProto.onnx.IModelProto;
type Graph = onnxProto.onnx.IGraphProto;
type Node = onnxProto.onnx.INodeProto;

/** What the rewrite needs of one layer's attention, as the exports compute it. */
interface LayerAttention {
  layer: number;
  /** The rotated queries, keys and the values of this step, [batch, heads, S, head_dim]. */
  query: string;
  key: string;
  value: string;
  scale: number;
  numHeads: number;
  /** The Reshape whose output, [batch, S, heads * head_dim], is the attention's result. */
  context: Node;
  /** The Concats that make `present.*`, replaced with the rest. */
  presents: Node[];
}

interface CacheGeometry {
  kvHeads: number;
  headDim: number;
  dtype: AttentionShape['dtype'];
}

/** A matched attention: its head shape, to check on the device, and the rewrite, to apply after. */
export interface GroupQueryAttentionPlan {
  readonly shape: AttentionShape;
  /** Rewrites the model in place; valid until anything else changes it. */
  apply(): void;
}

/**
 * The rewrite of `model`'s attention, or undefined unless the attention of every layer matches
 * over a float32 or float16 cache: the engine keeps one kind of cache per model, so every layer
 * is rewritten or none. Matching leaves the model untouched.
 */
export function planGroupQueryAttention(model: Model): GroupQueryAttentionPlan | undefined {
  const graph = model.graph;
  if (!graph?.node) return undefined;
  const layers = cacheLayerCount((graph.output ?? []).map((o) => o.name ?? ''));
  const geometry = cacheGeometry(graph);
  const taken = takenNames(graph);
  if (layers === 0 || !geometry || taken.has(SEQLENS_K) || taken.has(TOTAL_SEQUENCE_LENGTH)) return undefined;
  const producers = producersOf(graph);
  const consumers = consumersOf(graph.node);
  const uses = inputUses(graph);
  const attentions: LayerAttention[] = [];
  for (let layer = 0; layer < layers; layer++) {
    const attention = matchLayer(graph, producers, consumers, uses, layer, geometry);
    // One head shape for the whole model: the one checked on the device.
    if (!attention || (attentions.length > 0 && attention.numHeads !== attentions[0]!.numHeads)) return undefined;
    attentions.push(attention);
  }
  const apply = () => {
    const reshapeToRows = addInt64Initializer(graph, taken, 'inkwell_gqa_rows', [0n, 0n, -1n]);
    const replaced = new Set(attentions.flatMap((a) => [a.context, ...a.presents]));
    const fused = new Map(attentions.map((a) => [a.context, fusedNodes(a, geometry, producers, reshapeToRows, taken)]));
    graph.node = graph.node!.flatMap((node) => fused.get(node) ?? (replaced.has(node) ? [] : [node]));
    graph.input = [
      ...(graph.input ?? []),
      tensorInput(SEQLENS_K, onnx.TensorProto.DataType.INT32, ['batch_size']),
      tensorInput(TOTAL_SEQUENCE_LENGTH, onnx.TensorProto.DataType.INT32, []),
    ];
    markCapacityAxis(graph, layers);
    importMicrosoftOpset(model);
    removeUnusedNodes(graph);
    // The rows shape too, unused where every input already was rows.
    dropUnusedInitializers(graph, new Set([...[...replaced].flatMap((node) => node.input ?? []), reshapeToRows]));
    dropUnreadInputs(graph);
  };
  return { shape: { numHeads: attentions[0]!.numHeads, ...geometry }, apply };
}

/** The kv heads, head size and type of a float32 or float16 cache, from `past_key_values.0.key`'s declared type. */
function cacheGeometry(graph: Graph): CacheGeometry | undefined {
  const type = graph.input?.find((i) => i.name === pastName(0, 'key'))?.type?.tensorType;
  const { FLOAT, FLOAT16 } = onnx.TensorProto.DataType;
  if (type?.elemType !== FLOAT && type?.elemType !== FLOAT16) return undefined;
  const dims = type.shape?.dim;
  const kvHeads = Number(dims?.[1]?.dimValue ?? 0);
  const headDim = Number(dims?.[3]?.dimValue ?? 0);
  const dtype = type.elemType === FLOAT16 ? 'float16' : 'float32';
  return dims?.length === 4 && kvHeads > 0 && headDim > 0 ? { kvHeads, headDim, dtype } : undefined;
}

/**
 * present = Concat(past, rows) for keys and values, read only by
 *   context = Reshape(Transpose(MatMul(Softmax(Add(Mul(MatMul(q, Transpose(repeat(keys))), scale), mask)), repeat(values))))
 * where repeat is transformers' repeat_kv (Unsqueeze, Expand, Reshape), absent without grouping,
 * and Casts to float32 may come before and after the Softmax.
 */
function matchLayer(
  graph: Graph,
  producers: Map<string, Node>,
  consumers: Map<string, Node[]>,
  uses: Map<string, number>,
  layer: number,
  { kvHeads, headDim }: CacheGeometry,
): LayerAttention | undefined {
  const [keys, values] = KV_KINDS.map((kind) => {
    const concat = producers.get(presentName(layer, kind));
    return concat && appendsToPast(concat, pastName(layer, kind)) ? concat : undefined;
  });
  if (!keys || !values) return undefined;
  const only = (name: string | undefined): Node | undefined => {
    const readers = consumers.get(name ?? '');
    return readers?.length === 1 && uses.get(name ?? '') === 1 ? readers[0] : undefined;
  };
  const transposedKeys = only(attendedCache(only, presentName(layer, 'key')));
  if (!isTranspose(transposedKeys, [0, 1, 3, 2])) return undefined;
  const scores = only(transposedKeys!.output![0]);
  if (!isOp(scores, 'MatMul') || scores!.input![1] !== transposedKeys!.output![0]) return undefined;
  const scaled = only(scores!.output![0]);
  const scale = isOp(scaled, 'Mul') ? floatScalar(graph, otherInput(scaled!, scores!.output![0]!)) : undefined;
  if (scale === undefined) return undefined;
  const masked = only(scaled!.output![0]);
  if (!isOp(masked, 'Add')) return undefined;
  const softmax = pastFloatCasts(only, only(masked!.output![0]));
  if (!isOp(softmax, 'Softmax') || ![-1, 3].includes(intAttribute(softmax!, 'axis') ?? -1)) return undefined;
  const weighted = pastFloatCasts(only, only(softmax!.output![0]));
  const valuesRead = attendedCache(only, presentName(layer, 'value'));
  if (!isOp(weighted, 'MatMul') || !valuesRead || weighted!.input![1] !== valuesRead) return undefined;
  const heads = only(weighted!.output![0]);
  if (!isTranspose(heads, [0, 2, 1, 3])) return undefined;
  const context = only(heads!.output![0]);
  const width = isOp(context, 'Reshape') ? attentionWidth(graph, context!, consumers) : undefined;
  if (!width || width % (headDim * kvHeads) !== 0) return undefined;
  return {
    layer,
    query: scores!.input![0]!,
    key: keys.input![1]!,
    value: values.input![1]!,
    scale,
    numHeads: width / headDim,
    context: context!,
    presents: [keys, values],
  };
}

/**
 * `node`, or what reads it when it is a Cast to a float type: transformers computes the softmax in
 * float32 and casts back to the query's type (float32, or float16 in a half-precision export),
 * which the exports keep as such Casts.
 */
function pastFloatCasts(only: (name: string | undefined) => Node | undefined, node: Node | undefined): Node | undefined {
  const { FLOAT, FLOAT16 } = onnx.TensorProto.DataType;
  while (isOp(node, 'Cast') && [FLOAT, FLOAT16].includes(intAttribute(node!, 'to') ?? -1)) node = only(node!.output![0]);
  return node;
}

/**
 * heads * head_dim, the last axis of the attention's result: from the Reshape's shape when it is a
 * constant, else (exports compute it from the input's shape) from the projection that reads it.
 */
function attentionWidth(graph: Graph, reshape: Node, consumers: Map<string, Node[]>): number | undefined {
  const shape = int64Constant(graph, reshape.input![1]!);
  if (shape) return shape.length === 3 && shape[2]! > 0n ? Number(shape[2]) : undefined;
  const [projection, ...others] = consumers.get(reshape.output![0]!) ?? [];
  if (!projection || others.length > 0) return undefined;
  if (projection.opType === 'MatMulNBits' && projection.domain === MS_DOMAIN) return intAttribute(projection, 'K');
  const weight = isOp(projection, 'MatMul') && projection.input![0] === reshape.output![0] ? graph.initializer?.find((t) => t.name === projection.input![1]) : undefined;
  return weight?.dims?.length === 2 ? Number(weight.dims[0]) : undefined;
}

/**
 * What the attention reads of `cache`: repeat_kv's output (Unsqueeze, Expand, Reshape) when heads
 * are grouped, else the cache itself. Its reader is checked by the caller.
 */
function attendedCache(only: (name: string | undefined) => Node | undefined, cache: string): string | undefined {
  const unsqueeze = only(cache);
  if (!unsqueeze) return undefined;
  if (!isOp(unsqueeze, 'Unsqueeze')) return cache;
  const expand = only(unsqueeze.output![0]);
  const reshape = isOp(expand, 'Expand') ? only(expand!.output![0]) : undefined;
  return isOp(reshape, 'Reshape') ? reshape!.output![0] : undefined;
}

/** GroupQueryAttention in place of one layer's attention, on [batch, S, heads * head_dim] rows. */
function fusedNodes(attention: LayerAttention, geometry: CacheGeometry, producers: Map<string, Node>, reshapeToRows: string, taken: Set<string>): Node[] {
  const nodes: Node[] = [];
  const op = (opType: string, input: string[], attribute: onnxProto.onnx.IAttributeProto[], output: string[], domain = '') => {
    nodes.push({ name: freshName(`inkwell_gqa_${opType}_node`, taken), opType, domain, input, output, attribute });
    return output[0]!;
  };
  const perm = { name: 'perm', type: onnx.AttributeProto.AttributeType.INTS, ints: [0, 2, 1, 3] };
  const toRows = (headsFirst: string) =>
    unsplitHeads(producers, headsFirst) ??
    op('Reshape', [op('Transpose', [headsFirst], [perm], [freshName('inkwell_gqa_bshd', taken)]), reshapeToRows], [], [freshName('inkwell_gqa_rows', taken)]);
  const { layer } = attention;
  const int = (name: string, i: number) => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });
  op(
    'GroupQueryAttention',
    [
      toRows(attention.query),
      toRows(attention.key),
      toRows(attention.value),
      pastName(layer, 'key'),
      pastName(layer, 'value'),
      SEQLENS_K,
      TOTAL_SEQUENCE_LENGTH,
    ],
    [
      int('num_heads', attention.numHeads),
      int('kv_num_heads', geometry.kvHeads),
      { name: 'scale', type: onnx.AttributeProto.AttributeType.FLOAT, f: attention.scale },
    ],
    [attention.context.output![0]!, presentName(layer, 'key'), presentName(layer, 'value')],
    MS_DOMAIN,
  );
  return nodes;
}

/** `x` for heads made by Transpose(Reshape(x, [0, 0, heads, head_dim]), [0, 2, 1, 3]): the rows they came from. */
function unsplitHeads(producers: Map<string, Node>, heads: string): string | undefined {
  const transpose = producers.get(heads);
  if (!isTranspose(transpose, [0, 2, 1, 3])) return undefined;
  const reshape = producers.get(transpose!.input![0]!);
  return isOp(reshape, 'Reshape') ? reshape!.input![0] : undefined;
}

/** The cache's sequence axis now holds the engine's capacity, not the past length. */
function markCapacityAxis(graph: Graph, layers: number): void {
  const names = new Set(Array.from({ length: layers }, (_, i) => KV_KINDS.flatMap((k) => [pastName(i, k), presentName(i, k)])).flat());
  for (const value of [...(graph.input ?? []), ...(graph.output ?? [])]) {
    const dims = value.type?.tensorType?.shape?.dim;
    if (names.has(value.name ?? '') && dims?.[2]) dims[2] = { dimParam: 'kv_capacity' };
  }
}

/** Graph inputs no node reads any more (the attention mask): the engine feeds only what the session lists. */
function dropUnreadInputs(graph: Graph): void {
  const uses = inputUses(graph);
  graph.input = (graph.input ?? []).filter((i) => uses.has(i.name ?? ''));
}

function tensorInput(name: string, elemType: number, dims: string[]): onnxProto.onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType, shape: { dim: dims.map((dimParam) => ({ dimParam })) } } } };
}

function consumersOf(nodes: Node[]): Map<string, Node[]> {
  const consumers = new Map<string, Node[]>();
  for (const node of nodes) {
    for (const input of node.input ?? []) (consumers.get(input) ?? consumers.set(input, []).get(input)!).push(node);
  }
  return consumers;
}

function otherInput(node: Node, one: string): string {
  return node.input![0] === one ? node.input![1]! : node.input![0]!;
}
