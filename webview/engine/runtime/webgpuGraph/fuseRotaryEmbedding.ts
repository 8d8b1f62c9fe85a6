/**
 * Each layer of a Llama export rotates its queries and keys by their positions as
 *   x * cos + Concat(-x2, x1) * sin, with [x1, x2] the halves of each head,
 * six kernels for the queries and six for the keys: on WebGPU, where a decode step costs what its
 * kernels cost to dispatch (docs/benchmarks.md), that is a quarter of each layer. This rewrite
 * runs each as onnxruntime's RotaryEmbedding (com.microsoft), one kernel that computes the same
 * products and sums (x1 * cos - x2 * sin, x2 * cos + x1 * sin) from the same cos and sin values:
 * the step's rows of the graph's own cos and sin (the first halves; the rewrite applies only where
 * the two halves are the same values by construction), cut once per step and read at positions
 * 0, 1, ... The engine runs one sequence at a time, which that table assumes.
 *
 * Where the rotated heads were made from rows by Reshape and Transpose, the rotation runs on the
 * rows before them, so an attention that reads rows (fuseGroupQueryAttention.ts) reads it there.
 */
import * as onnxProto from 'onnx-proto';
import { addInt64Initializer, int64Constant } from '../onnxGraph/graphConstants';
import { freshName, takenNames } from '../onnxGraph/graphNames';
import { floatValues } from '../onnxGraph/initializerData';
import { importMicrosoftOpset, MS_DOMAIN } from '../onnxGraph/microsoftOpset';
import { intAttribute } from '../onnxGraph/nodeAttributes';
import { inputOrders, isOp, isTranspose, producersOf } from '../onnxGraph/nodeMatch';
import { removeUnusedNodes } from '../onnxGraph/pruneGraph';

type Graph = onnxProto.onnx.IGraphProto;
type Node = onnxProto.onnx.INodeProto;
type Model = onnxProto.onnx.IModelProto;

/** One rotation as the exports spell it: Add(Mul(x, cos), Mul(Concat(Neg(x2), x1), sin)). */
interface Rotation {
  add: Node;
  x: string;
  cos: string;
  sin: string;
  half: number;
}

/** Rewrites `model` in place; returns how many rotations now run as RotaryEmbedding. */
export function fuseRotaryEmbedding(model: Model): number {
  const graph = model.graph;
  if (!graph?.node) return 0;
  const producers = producersOf(graph);
  const rotations = graph.node.flatMap((node) => {
    const rotation = matchRotation(graph, producers, node);
    return rotation ? [rotation] : [];
  });
  if (rotations.length === 0) return 0;

  const taken = takenNames(graph);
  const added = new Map<Node, Node[]>();
  const tables = new Map<string, string>();
  const zero = addInt64Initializer(graph, taken, 'inkwell_rope_position', [0n]);
  const bounds = new Map<number, { ends: string; shape: string }>();
  const startsAndAxes = {
    starts: addInt64Initializer(graph, taken, 'inkwell_rope_starts', [0n]),
    axes: addInt64Initializer(graph, taken, 'inkwell_rope_axes', [-1n]),
  };
  // The step's rows of a cos or sin, [S, half]: made once, before the first rotation that reads them.
  const table = (values: string, half: number, before: Node[]): string => {
    const known = tables.get(values);
    if (known) return known;
    const bound =
      bounds.get(half) ??
      bounds.set(half, { ends: addInt64Initializer(graph, taken, 'inkwell_rope_half', [BigInt(half)]), shape: addInt64Initializer(graph, taken, 'inkwell_rope_table_shape', [-1n, BigInt(half)]) }).get(half)!;
    const sliced = freshName(`${values}_half`, taken);
    const rows = freshName(`${values}_rows`, taken);
    before.push(
      { name: freshName('inkwell_rope_Slice_node', taken), opType: 'Slice', input: [values, startsAndAxes.starts, bound.ends, startsAndAxes.axes], output: [sliced] },
      { name: freshName('inkwell_rope_Reshape_node', taken), opType: 'Reshape', input: [sliced, bound.shape], output: [rows] },
    );
    tables.set(values, rows);
    return rows;
  };

  for (const rotation of rotations) {
    const nodes: Node[] = [];
    const cos = table(rotation.cos, rotation.half, nodes);
    const sin = table(rotation.sin, rotation.half, nodes);
    const rotary = (input: string, output: string): Node => ({
      name: freshName('inkwell_rope_RotaryEmbedding_node', taken),
      opType: 'RotaryEmbedding',
      domain: MS_DOMAIN,
      input: [input, zero, cos, sin],
      output: [output],
    });
    const heads = rowsToHeads(graph, producers, rotation.x, 2 * rotation.half);
    if (heads) {
      const rotatedRows = freshName(`${heads.rows}_rotated`, taken);
      const reshaped = freshName(`${rotatedRows}_heads`, taken);
      nodes.push(
        rotary(heads.rows, rotatedRows),
        { name: freshName('inkwell_rope_Reshape_node', taken), opType: 'Reshape', input: [rotatedRows, heads.reshape.input![1]!], output: [reshaped] },
        { ...heads.transpose, name: freshName('inkwell_rope_Transpose_node', taken), input: [reshaped], output: [rotation.add.output![0]!] },
      );
    } else {
      nodes.push(rotary(rotation.x, rotation.add.output![0]!));
    }
    added.set(rotation.add, nodes);
  }
  graph.node = graph.node.flatMap((node) => added.get(node) ?? [node]);
  importMicrosoftOpset(model);
  removeUnusedNodes(graph);
  return rotations.length;
}

function matchRotation(graph: Graph, producers: Map<string, Node>, add: Node): Rotation | undefined {
  if (!isOp(add, 'Add') || add.input?.length !== 2) return undefined;
  const [a, b] = add.input.map((name) => producers.get(name));
  for (const [straight, rotated] of [
    [a, b],
    [b, a],
  ]) {
    if (!isOp(straight, 'Mul') || !isOp(rotated, 'Mul')) continue;
    for (const [rot, sin] of inputOrders(rotated!)) {
      const halves = rotatedHalves(graph, producers, rot);
      if (!halves) continue;
      for (const [x, cos] of inputOrders(straight!)) {
        if (x !== halves.x) continue;
        if (!repeatsHalves(graph, producers, cos, halves.half, 'Cos') || !repeatsHalves(graph, producers, sin, halves.half, 'Sin')) continue;
        return { add, x, cos, sin, half: halves.half };
      }
    }
  }
  return undefined;
}

/** x and the half width h for Concat(Neg(x[..., h:]), x[..., :h]) on the last axis, by Split or by Slices. */
function rotatedHalves(graph: Graph, producers: Map<string, Node>, name: string): { x: string; half: number } | undefined {
  const concat = producers.get(name);
  if (!isOp(concat, 'Concat') || concat!.input?.length !== 2 || !isLastAxis(intAttribute(concat!, 'axis'))) return undefined;
  const neg = producers.get(concat!.input[0]!);
  if (!isOp(neg, 'Neg')) return undefined;
  const second = neg!.input![0]!;
  const first = concat!.input[1]!;
  const split = producers.get(first);
  if (isOp(split, 'Split') && split === producers.get(second) && split!.output?.[0] === first && split!.output[1] === second && split!.output.length === 2) {
    const sizes = split!.input?.[1] ? int64Constant(graph, split!.input[1]) : undefined;
    if (!isLastAxis(intAttribute(split!, 'axis')) || sizes?.length !== 2 || sizes[0] !== sizes[1] || sizes[0]! <= 0n) return undefined;
    return { x: split!.input![0]!, half: Number(sizes[0]) };
  }
  const head = sliceOfLastAxis(graph, producers.get(first));
  const tail = sliceOfLastAxis(graph, producers.get(second));
  if (!head || !tail || head.x !== tail.x || head.start !== 0n || tail.start !== head.end || tail.end < 2n * head.end) return undefined;
  return { x: head.x, half: Number(head.end) };
}

function sliceOfLastAxis(graph: Graph, slice: Node | undefined): { x: string; start: bigint; end: bigint } | undefined {
  if (!isOp(slice, 'Slice')) return undefined;
  const [x, starts, ends, axes, steps] = slice!.input ?? [];
  const [start, end, axis, step] = [starts, ends, axes, steps].map((name) => (name ? int64Constant(graph, name) : undefined));
  if (!x || start?.length !== 1 || end?.length !== 1 || axis?.length !== 1 || !isLastAxis(Number(axis[0]))) return undefined;
  if (steps && (step?.length !== 1 || step[0] !== 1n)) return undefined;
  return { x, start: start[0]!, end: end[0]! };
}

/** ONNX's last axis of a [batch, heads, S, head_dim] tensor: -1, or 3. */
function isLastAxis(axis: number | undefined): boolean {
  return axis === -1 || axis === 3;
}

/**
 * Whether `name` repeats its first `half` values in its second half on the last axis (a cos or
 * sin as the exports make them), seen through Unsqueeze, Cast and scaling: gathered by position
 * from a table whose rows do, or `fn` of Concat(f, f).
 */
function repeatsHalves(graph: Graph, producers: Map<string, Node>, name: string, half: number, fn: 'Cos' | 'Sin'): boolean {
  let node = producers.get(name);
  while (isOp(node, 'Unsqueeze') || isOp(node, 'Cast') || (isOp(node, 'Mul') && isScalarConstant(graph, node!.input?.[1]))) node = producers.get(node!.input![0]!);
  if (isOp(node, 'Gather') && (intAttribute(node!, 'axis') ?? 0) === 0) return tableRepeatsHalves(graph, node!.input![0]!, half);
  if (!isOp(node, fn)) return false;
  const concat = producers.get(node!.input![0]!);
  return isOp(concat, 'Concat') && isLastAxis(intAttribute(concat!, 'axis')) && concat!.input?.length === 2 && concat!.input[0] === concat!.input[1];
}

function tableRepeatsHalves(graph: Graph, name: string, half: number): boolean {
  const table = graph.initializer?.find((t) => t.name === name);
  const values = table ? floatValues(table) : undefined;
  if (!values || table!.dims?.length !== 2 || Number(table!.dims[1]) !== 2 * half) return false;
  for (let row = 0; row < values.length; row += 2 * half) {
    for (let i = 0; i < half; i++) if (!Object.is(values[row + i], values[row + half + i])) return false;
  }
  return true;
}

function isScalarConstant(graph: Graph, name: string | undefined): boolean {
  const tensor = name ? graph.initializer?.find((t) => t.name === name) : undefined;
  return !!tensor && (tensor.dims ?? []).every((d) => Number(d) === 1);
}

/**
 * The rows and the two nodes of Transpose(Reshape(rows, [0, 0, heads, headDim]), [0, 2, 1, 3]):
 * RotaryEmbedding reads rows as heads of the rotation's width, so only where that is the head's.
 */
function rowsToHeads(graph: Graph, producers: Map<string, Node>, heads: string, headDim: number): { rows: string; reshape: Node; transpose: Node } | undefined {
  const transpose = producers.get(heads);
  if (!isTranspose(transpose, [0, 2, 1, 3])) return undefined;
  const reshape = producers.get(transpose!.input![0]!);
  const shape = isOp(reshape, 'Reshape') ? int64Constant(graph, reshape!.input![1]!) : undefined;
  if (shape?.length !== 4 || shape[0] !== 0n || shape[1] !== 0n || shape[3] !== BigInt(headDim)) return undefined;
  return { rows: reshape!.input![0]!, reshape: reshape!, transpose: transpose! };
}
