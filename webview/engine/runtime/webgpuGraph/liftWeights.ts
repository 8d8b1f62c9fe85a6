/**
 * onnxruntime-web uploads a session's initializers to the GPU for that session alone, so the
 * decoder's second session, the one whose decode steps are replayed (replayedDecodeStep.ts), held
 * a second copy of every weight: 194.6 MiB more for SmolLM2-135M q4 (measured on Dawn). Made
 * graph inputs instead, the weights go to the GPU once and both sessions are fed the same buffers
 * (sharedGpuWeights.ts). Measured on SwiftShader: the same logits bit for bit and the same kernels
 * (112 a run of a 2-layer copy's file, 41 a step of its rewritten graph).
 */
import * as onnxProto from 'onnx-proto';
import { elementCount, isExternal } from '../onnxGraph/initializerData';

const { onnx } = onnxProto;
const { DataType } = onnx.TensorProto;

export type WeightType = 'float32' | 'float16' | 'uint8';

export interface LiftedWeight {
  name: string;
  type: WeightType;
  dims: number[];
  data: Uint8Array;
}

/**
 * Weights by element type: floats, and the bytes of 4-bit blocks (MatMulNBits). Integer
 * initializers stay: they are shapes and indices, which ORT reads on the CPU.
 */
const WEIGHT_TYPES = new Map<number, WeightType>([
  [DataType.FLOAT, 'float32'],
  [DataType.FLOAT16, 'float16'],
  [DataType.UINT8, 'uint8'],
]);

/**
 * Smaller initializers stay in the graph, where ORT's constant folding and fusions can read them:
 * norm weights, scalars. Every matrix of a real model is far larger (SmolLM2's smallest, a
 * projection's 4-bit scales, has 3,456 elements).
 */
const MIN_ELEMENTS = 1024;

/**
 * The most weights lifted. Every graph input is one more tensor onnxruntime-web prepares on the
 * page's thread at every run, replayed or not: measured through Dawn, a decode step of a 30-layer
 * tiny-llama with its 212 weights lifted took 1.10 ms of the main thread's CPU before its first
 * await, against 0.17 ms with none (4.4 µs a weight). All 636 of SmolLM2-135M's would add about
 * 2.8 ms to a step whose CPU side is its cost on a GPU (6.8 ms in Chromium: docs/benchmarks.md).
 * The largest few hold most of the bytes (SmolLM2-135M q4: the 113 MB embedding table, the 14 MB
 * lm_head), so the largest MAX_LIFTED are lifted and the rest stay in the graph.
 */
const MAX_LIFTED = 32;

/**
 * The graph with its MAX_LIFTED largest weights (initializers held in the file as raw bytes, of a
 * weight type and at least MIN_ELEMENTS) turned into graph inputs of the same name, type and
 * shape, and those weights; undefined when it has none.
 */
export function liftWeights(bytes: Uint8Array): { bytes: Uint8Array; weights: LiftedWeight[] } | undefined {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph;
  if (!graph?.initializer) return undefined;
  const largest = graph.initializer
    .filter(isWeight)
    .sort((a, b) => b.rawData!.length - a.rawData!.length)
    .slice(0, MAX_LIFTED);
  if (largest.length === 0) return undefined;
  const lifted = new Set(largest);
  graph.initializer = graph.initializer.filter((tensor) => !lifted.has(tensor));
  const weights = largest.map((tensor): LiftedWeight => ({ name: tensor.name!, type: WEIGHT_TYPES.get(tensor.dataType!)!, dims: (tensor.dims ?? []).map(Number), data: tensor.rawData! }));
  for (const tensor of largest) {
    const shape = { dim: (tensor.dims ?? []).map((dimValue) => ({ dimValue })) };
    (graph.input ??= []).push(onnx.ValueInfoProto.create({ name: tensor.name, type: { tensorType: { elemType: tensor.dataType, shape } } }));
  }
  return { bytes: onnx.ModelProto.encode(model).finish(), weights };
}

function isWeight(tensor: onnxProto.onnx.ITensorProto): boolean {
  return WEIGHT_TYPES.has(tensor.dataType ?? DataType.UNDEFINED) && !!tensor.name && !!tensor.rawData?.length && !isExternal(tensor) && elementCount(tensor) >= MIN_ELEMENTS;
}
