/**
 * Llama's RMSNorm, x / sqrt(mean(x^2) + eps) * weight, is six kernels where the exports spell it
 * out (square, ReduceMean, Add, Sqrt, divide or reciprocal and multiply, weight), twice a layer,
 * and onnxruntime-web's WebGPU backend does not fuse them (counted: six dispatches for `Pow` and
 * for `Mul(x, x)` alike). This rewrite runs each as one kernel: onnxruntime's
 * SkipSimplifiedLayerNormalization where x is a residual sum, which it then computes too (the
 * Add goes: one kernel fewer again), else SimplifiedLayerNormalization. The mean is summed in
 * another order, so the last bits may move (the tests compare within float tolerance and the
 * chosen ids exactly); the residual sum is the same.
 */
import * as onnxProto from 'onnx-proto';
import { floatScalar, int64Constant, isConstant } from '../onnxGraph/graphConstants';
import { freshName, takenNames } from '../onnxGraph/graphNames';
import { importMicrosoftOpset, MS_DOMAIN } from '../onnxGraph/microsoftOpset';
import { intAttribute, intsAttribute } from '../onnxGraph/nodeAttributes';
import { inputOrders, isOp, producersOf } from '../onnxGraph/nodeMatch';
import { removeUnusedNodes } from '../onnxGraph/pruneGraph';

type Model = onnxProto.onnx.IModelProto;
type Graph = onnxProto.onnx.IGraphProto;
type Node = onnxProto.onnx.INodeProto;

interface RmsNorm {
  /** The Mul by the weight, whose output the fused node takes over. */
  scaled: Node;
  x: string;
  weight: string;
  epsilon: number;
}

/** Rewrites `model` in place; returns how many RMSNorms now run as one operator. */
export function fuseRmsNorm(model: Model): number {
  const graph = model.graph;
  if (!graph?.node) return 0;
  const producers = producersOf(graph);
  const norms = graph.node.flatMap((node) => {
    const norm = matchRmsNorm(graph, producers, node);
    return norm ? [norm] : [];
  });
  if (norms.length === 0) return 0;
  const taken = takenNames(graph);
  const attributes = (epsilon: number) => [
    { name: 'epsilon', type: onnxProto.onnx.AttributeProto.AttributeType.FLOAT, f: epsilon },
  ];
  const replacements = new Map<Node, Node[]>();
  for (const norm of norms) {
    const output = norm.scaled.output![0]!;
    const sum = residualSum(graph, producers.get(norm.x));
    if (sum && !replacements.has(sum)) {
      // In the Add's place: the norm's output is read only after it, and the sum maybe before the norm.
      replacements.set(sum, [
        {
          name: freshName('inkwell_rmsnorm_node', taken),
          opType: 'SkipSimplifiedLayerNormalization',
          domain: MS_DOMAIN,
          input: [sum.input![0]!, sum.input![1]!, norm.weight],
          output: [output, '', '', norm.x],
          attribute: attributes(norm.epsilon),
        },
      ]);
      replacements.set(norm.scaled, []);
      continue;
    }
    replacements.set(norm.scaled, [
      {
        name: freshName('inkwell_rmsnorm_node', taken),
        opType: 'SimplifiedLayerNormalization',
        domain: '',
        input: [norm.x, norm.weight],
        output: [output],
        attribute: [{ name: 'axis', type: onnxProto.onnx.AttributeProto.AttributeType.INT, i: -1 }, ...attributes(norm.epsilon)],
      },
    ]);
  }
  graph.node = graph.node.flatMap((node) => replacements.get(node) ?? [node]);
  importMicrosoftOpset(model);
  removeUnusedNodes(graph);
  return norms.length;
}

/** An Add of two computed tensors (the residual stream and a block's output), not of a constant bias. */
function residualSum(graph: Graph, add: Node | undefined): Node | undefined {
  if (!isOp(add, 'Add') || add!.input?.length !== 2) return undefined;
  return add!.input.some((name) => isConstant(graph, name)) ? undefined : add;
}

/** Mul(normalized, weight) with normalized = x / Sqrt(Add(ReduceMean(x^2 over the last axis), eps)), or x * 1/Sqrt(...). */
function matchRmsNorm(graph: Graph, producers: Map<string, Node>, scaled: Node): RmsNorm | undefined {
  if (!isOp(scaled, 'Mul')) return undefined;
  for (const [normalizedName, weight] of inputOrders(scaled)) {
    if (!isWeight(graph, weight)) continue;
    const normalized = normalize(graph, producers, producers.get(normalizedName));
    const sqrt = normalized && producers.get(normalized.rms);
    if (!normalized || !isOp(sqrt, 'Sqrt')) continue;
    const add = producers.get(sqrt!.input![0]!);
    if (!isOp(add, 'Add')) continue;
    for (const [meanName, eps] of inputOrders(add!)) {
      const epsilon = floatScalar(graph, eps);
      const mean = producers.get(meanName);
      if (epsilon === undefined || !isOp(mean, 'ReduceMean') || intAttribute(mean!, 'keepdims') !== 1 || !reducesLastAxis(graph, mean!)) continue;
      if (!squares(graph, producers.get(mean!.input![0]!), normalized.x)) continue;
      // A LayerNorm spelled out squares x minus its mean: the tail of that is no RMSNorm to take.
      if (isOp(producers.get(normalized.x), 'Sub')) continue;
      return { scaled, x: normalized.x, weight, epsilon };
    }
  }
  return undefined;
}

/** x and the root it is divided by: Div(x, rms), or Mul(x, Reciprocal(rms) or Div(1, rms)). */
function normalize(graph: Graph, producers: Map<string, Node>, node: Node | undefined): { x: string; rms: string } | undefined {
  if (isOp(node, 'Div')) return { x: node!.input![0]!, rms: node!.input![1]! };
  if (!isOp(node, 'Mul')) return undefined;
  for (const [x, inverse] of inputOrders(node!)) {
    const reciprocal = producers.get(inverse);
    if (isOp(reciprocal, 'Reciprocal')) return { x, rms: reciprocal!.input![0]! };
    if (isOp(reciprocal, 'Div') && floatScalar(graph, reciprocal!.input![0]!) === 1) return { x, rms: reciprocal!.input![1]! };
  }
  return undefined;
}

/** Pow(x, 2) or Mul(x, x). */
function squares(graph: Graph, node: Node | undefined, x: string): boolean {
  if (isOp(node, 'Mul')) return node!.input?.[0] === x && node!.input[1] === x;
  return isOp(node, 'Pow') && node!.input?.[0] === x && floatScalar(graph, node!.input[1]!) === 2;
}

function reducesLastAxis(graph: Graph, mean: Node): boolean {
  const axes = intsAttribute(mean, 'axes') ?? (mean.input?.[1] ? int64Constant(graph, mean.input[1])?.map(Number) : undefined);
  return axes?.length === 1 && axes[0] === -1;
}

/** A float initializer of one axis (float32, or float16 in a half-precision file): the norm's weight. */
function isWeight(graph: Graph, name: string): boolean {
  const tensor = graph.initializer?.find((t) => t.name === name);
  const { FLOAT, FLOAT16 } = onnxProto.onnx.TensorProto.DataType;
  return (tensor?.dataType === FLOAT || tensor?.dataType === FLOAT16) && tensor.dims?.length === 1;
}

