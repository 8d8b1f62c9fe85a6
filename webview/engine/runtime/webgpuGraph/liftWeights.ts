/**
 * onnxruntime-web uploads a session's initializers to the GPU for that session alone, so the
 * decoder's second session, the one whose decode steps are replayed (replayedDecodeStep.ts), held
 * a second copy of every weight: 194.6 MiB more for SmolLM2-135M q4 (measured on Dawn). Made
 * graph inputs instead, the weights go to the GPU once and both sessions are fed the same buffers
 * (sharedGpuWeights.ts). Measured on SwiftShader: the same logits bit for bit and the same kernels
 * (112 a run of a 2-layer copy's file, 41 a step of its rewritten graph).
 */
import * as onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const { DataType, DataLocation } = onnx.TensorProto;

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
 * The graph with its weights (the initializers held in the file as raw bytes, of a weight type
 * and at least MIN_ELEMENTS) turned into graph inputs of the same name, type and shape, and
 * those weights; undefined when it has none.
 */
export function liftWeights(bytes: Uint8Array): { bytes: Uint8Array; weights: LiftedWeight[] } | undefined {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph;
  if (!graph?.initializer) return undefined;
  const weights: LiftedWeight[] = [];
  graph.initializer = graph.initializer.filter((tensor) => {
    const weight = asWeight(tensor);
    if (!weight) return true;
    weights.push(weight);
    const shape = { dim: weight.dims.map((dimValue) => ({ dimValue })) };
    (graph.input ??= []).push(onnx.ValueInfoProto.create({ name: weight.name, type: { tensorType: { elemType: tensor.dataType, shape } } }));
    return false;
  });
  return weights.length > 0 ? { bytes: onnx.ModelProto.encode(model).finish(), weights } : undefined;
}

function asWeight(tensor: onnxProto.onnx.ITensorProto): LiftedWeight | undefined {
  const type = WEIGHT_TYPES.get(tensor.dataType ?? DataType.UNDEFINED);
  const dims = (tensor.dims ?? []).map(Number);
  const elements = dims.reduce((product, dim) => product * dim, 1);
  if (!type || !tensor.name || !tensor.rawData?.length || tensor.dataLocation === DataLocation.EXTERNAL || elements < MIN_ELEMENTS) return undefined;
  return { name: tensor.name, type, dims, data: tensor.rawData };
}
