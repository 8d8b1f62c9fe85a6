/**
 * onnxruntime-web's wasm build has no packed 4-bit GEMM: its MatMulNBits kernel dequantizes the
 * whole weight to float32 on every run and then runs a float32 GEMM. At decode that is most of
 * a step (SmolLM2-135M q4, one thread: ~850 ms a token, ~95 ms with the weights already float32;
 * docs/benchmarks.md). This rewrite does the dequantization once, at load: each MatMulNBits
 * whose weights are in the file becomes a FusedMatMul (transB) over the float32 weight in
 * MatMulNBits' own [N, K] order.
 *
 * The new weight is also listed as a graph input (an overridable initializer), so ORT does not
 * prepack it: prepacked, MLAS splits K differently and the logits change in their last bits;
 * unpacked, FusedMatMul makes the same GEMM call as MatMulNBits, and the logits stay
 * bit-identical to the q4 file run as it is (what transformers.js runs). The price is memory:
 * 4 bytes per weight instead of ~0.6, hence a budget. The float32 weights travel as ORT external
 * data, one buffer filled in place, rather than inside the protobuf: ORT then copies them once into
 * its tensors, where a model carrying them would sit in the wasm heap twice while the session is
 * created (loading SmolLM2-135M q4 peaked at 1.8 GB RSS this way, 3.0 GB that way).
 */
import * as onnxProto from 'onnx-proto';
import { dequantizeQ4, type Q4MatMulWeight } from './dequantizeQ4';
import { forEachNode, freshName, takenNames } from '../onnxGraph/graphNames';
import { dropUnusedInitializers } from '../onnxGraph/pruneGraph';
import { elementCount, float32Values, uint8Values } from '../onnxGraph/initializerData';
import { MS_DOMAIN } from '../onnxGraph/microsoftOpset';
import { intAttribute } from '../onnxGraph/nodeAttributes';

const { onnx } = onnxProto;
type Model = onnxProto.onnx.IModelProto;
type Node = onnxProto.onnx.INodeProto;
type Tensor = onnxProto.onnx.ITensorProto;

/**
 * Float32 weights one session may gain. 1 GiB covers a 256M-parameter model (SmolVLM-256M's
 * decoder and vision encoder are separate sessions); a larger model keeps MatMulNBits, slow but
 * within the wasm heap (4 GiB, which also holds the model bytes while the session is created).
 */
export const DEFAULT_EXPANSION_BUDGET_BYTES = 2 ** 30;

/** The name the rewritten model gives its external data; ORT matches it to `externalData.path`. */
const WEIGHTS_FILE = 'inkwell-float32-weights.bin';

export interface ExpandedWeights {
  /** The float32 weights the rewritten graph refers to, for ORT's `externalData` option. */
  readonly externalData: { readonly path: string; readonly data: Uint8Array };
  /** MatMulNBits nodes replaced. */
  readonly nodes: number;
  /** Float32 weight bytes added. */
  readonly weightBytes: number;
}

interface QuantizedWeightRef {
  readonly key: string;
  readonly initializers: readonly string[];
  readonly weight: Q4MatMulWeight;
}

/**
 * Rewrites `model` in place; undefined (and the model untouched) when it has no MatMulNBits to
 * expand or their float32 weights would exceed the budget.
 */
export function expandQuantizedMatMuls(model: Model, budgetBytes = DEFAULT_EXPANSION_BUDGET_BYTES): ExpandedWeights | undefined {
  const main = model.graph;
  if (!main) return undefined;
  const initializers = new Map((main.initializer ?? []).map((t) => [t.name ?? '', t]));
  const overridable = new Set((main.input ?? []).map((i) => i.name ?? ''));

  const targets: { node: Node; ref: QuantizedWeightRef }[] = [];
  forEachNode(main, (node) => {
    const ref = quantizedWeight(node, initializers, overridable);
    if (ref) targets.push({ node, ref });
  });
  const unique = new Map(targets.map(({ ref }) => [ref.key, ref]));
  const weightBytes = [...unique.values()].reduce((sum, { weight }) => sum + weight.k * weight.n * 4, 0);
  if (targets.length === 0 || weightBytes > budgetBytes) return undefined;

  const taken = takenNames(main);
  const expandedName = new Map<string, string>();
  const weights = new Float32Array(weightBytes / 4);
  const added: Tensor[] = [];
  let offset = 0;
  for (const ref of unique.values()) {
    const { k, n } = ref.weight;
    const name = freshName(`${ref.initializers[0]}_float32`, taken);
    expandedName.set(ref.key, name);
    const bytes = n * k * 4;
    dequantizeQ4(ref.weight, weights.subarray(offset / 4, (offset + bytes) / 4));
    added.push(externalFloatTensor(name, [n, k], offset, bytes));
    offset += bytes;
  }
  // Repeated fields of a decoded message may be protobufjs' shared frozen empty array: assign, never push.
  main.initializer = [...(main.initializer ?? []), ...added];
  main.input = [...(main.input ?? []), ...added.map((t) => floatInput(t.name!, t.dims as number[]))];
  for (const { node, ref } of targets) {
    node.opType = 'FusedMatMul';
    node.input = [node.input![0]!, expandedName.get(ref.key)!];
    node.attribute = [
      { name: 'transB', type: onnx.AttributeProto.AttributeType.INT, i: 1 },
      { name: 'alpha', type: onnx.AttributeProto.AttributeType.FLOAT, f: 1 },
    ];
  }
  dropUnusedInitializers(main, new Set([...unique.values()].flatMap((ref) => ref.initializers)));
  return {
    externalData: { path: WEIGHTS_FILE, data: new Uint8Array(weights.buffer) },
    nodes: targets.length,
    weightBytes,
  };
}

/**
 * A 4-bit MatMulNBits whose weight, scales and zero points are initializers of the main graph
 * that no feed can replace, with no bias and no g_idx (which would need more than a GEMM).
 */
function quantizedWeight(node: Node, initializers: Map<string, Tensor>, overridable: Set<string>): QuantizedWeightRef | undefined {
  if (node.opType !== 'MatMulNBits' || node.domain !== MS_DOMAIN) return undefined;
  const [, b = '', scalesName = '', zeroPointsName = '', gIdx = '', bias = ''] = node.input ?? [];
  if (gIdx || bias || (intAttribute(node, 'bits') ?? 4) !== 4) return undefined;
  const k = intAttribute(node, 'K');
  const n = intAttribute(node, 'N');
  const blockSize = intAttribute(node, 'block_size');
  if (k === undefined || n === undefined || blockSize === undefined || blockSize % 2 !== 0) return undefined;
  const names = [b, scalesName, zeroPointsName].filter((name) => name !== '');
  if (names.some((name) => overridable.has(name) || !initializers.has(name))) return undefined;

  const blocks = Math.ceil(k / blockSize);
  const packed = uint8Values(initializers.get(b)!);
  const scales = float32Values(initializers.get(scalesName)!);
  const zeroPointsTensor = zeroPointsName ? initializers.get(zeroPointsName)! : undefined;
  const zeroPoints = zeroPointsTensor ? uint8Values(zeroPointsTensor) : undefined;
  if (packed?.length !== n * blocks * (blockSize / 2) || scales?.length !== n * blocks) return undefined;
  if (zeroPointsTensor && (zeroPoints === undefined || elementCount(zeroPointsTensor) !== n * Math.ceil(blocks / 2))) return undefined;
  return {
    key: [...names, k, n, blockSize].join('\u0000'),
    initializers: names,
    weight: { k, n, blockSize, packed, scales, zeroPoints },
  };
}

function externalFloatTensor(name: string, dims: number[], offset: number, length: number): Tensor {
  return {
    name,
    dataType: onnx.TensorProto.DataType.FLOAT,
    dims,
    dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
    externalData: [
      { key: 'location', value: WEIGHTS_FILE },
      { key: 'offset', value: String(offset) },
      { key: 'length', value: String(length) },
    ],
  };
}

function floatInput(name: string, dims: number[]): onnxProto.onnx.IValueInfoProto {
  const shape = { dim: dims.map((dimValue) => ({ dimValue })) };
  return { name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape } } };
}
