/**
 * onnxruntime-web's GroupQueryAttention picks its WebGPU kernels by the adapter's subgroup size
 * and the run's length, and some of them have computed wrong results on some GPUs
 * (onnxruntime#28520 fixed one for NVIDIA's subgroups of 32; on SwiftShader's subgroups of 4, runs
 * of 32 positions or more come out wrong with onnxruntime-web 1.30, at any past length, while
 * shorter runs and decode steps are right). A wrong attention would not fail: the model would
 * write nonsense. So before the engine runs a decoder rewritten to that operator, it runs the
 * operator alone on this device at the model's head shape, against attention computed here in
 * float64: a long prompt, a chunk on top of a cache and a decode step; where those are wrong,
 * the same at the length of a short run, which the engine then runs prompts in chunks of.
 */
import * as onnxProto from 'onnx-proto';
import type * as OrtTypes from 'onnxruntime-web';
import type { Device, Ort } from '../../api';
import { seededRandom } from '../../generation/seededRandom';
import { float16ToFloat32, float32ToFloat16 } from '../float16';
import type { FloatType } from '../floatTypes';
import { MS_DOMAIN } from '../onnxGraph/microsoftOpset';

const { onnx } = onnxProto;

export interface AttentionShape {
  numHeads: number;
  kvHeads: number;
  headDim: number;
  /** The type of its activations and cache: float16 models (fp16, q4f16) run other kernels. */
  dtype: FloatType;
}

/** The runs checked first: new positions after cached ones. */
const LONG_RUNS = [
  { past: 0, added: 64 },
  { past: 9, added: 40 },
  { past: 48, added: 1 },
];

/** The longest run that took right kernels on SwiftShader, where runs of 32 positions or more did not. */
export const SHORT_RUN = 31;

/** The runs checked where long ones are wrong: a prompt's chunks, the last one shorter, and a decode step. */
const SHORT_RUNS = [
  { past: 0, added: SHORT_RUN },
  { past: SHORT_RUN, added: 17 },
  { past: 48, added: 1 },
];

/**
 * How far a right result may be from float64's: float32 attention agrees to ~1e-6, float16 to
 * about its precision on outputs of up to 2 (2^-10); the faulty kernels were off by 0.1 and more.
 */
export const TOLERANCE = { float32: 1e-3, float16: 1e-2 } as const;

/**
 * The most positions a run of GroupQueryAttention may add on this device for it to compute right
 * at this head shape: Infinity, SHORT_RUN, or 0 where even short runs are wrong (or the backend
 * cannot run the operator).
 */
export async function longestRightRun(ort: Ort, device: Device, shape: AttentionShape): Promise<number> {
  let session: OrtTypes.InferenceSession | undefined;
  try {
    session = await ort.InferenceSession.create(attentionModel(shape), { executionProviders: [device] });
    if (await runsRight(ort, session, shape, LONG_RUNS)) return Infinity;
    if (await runsRight(ort, session, shape, SHORT_RUNS)) return SHORT_RUN;
    return 0;
  } catch {
    return 0;
  } finally {
    await session?.release();
  }
}

async function runsRight(
  ort: Ort,
  session: OrtTypes.InferenceSession,
  shape: AttentionShape,
  runs: { past: number; added: number }[],
): Promise<boolean> {
  const { numHeads, kvHeads, headDim, dtype } = shape;
  const tensor = (values: Float32Array, dims: number[]) =>
    dtype === 'float16' ? new ort.Tensor('float16', float32ToFloat16(values), dims) : new ort.Tensor('float32', values, dims);
  for (const [index, run] of runs.entries()) {
    const inputs = seededInputs(shape, run.past, run.added, index + 1);
    const outputs = await session.run({
      query: tensor(inputs.query, [1, run.added, numHeads * headDim]),
      key: tensor(inputs.key, [1, run.added, kvHeads * headDim]),
      value: tensor(inputs.value, [1, run.added, kvHeads * headDim]),
      past_key: tensor(inputs.pastKey, [1, kvHeads, run.past, headDim]),
      past_value: tensor(inputs.pastValue, [1, kvHeads, run.past, headDim]),
      seqlens_k: new ort.Tensor('int32', Int32Array.of(run.past + run.added - 1), [1]),
      total_sequence_length: new ort.Tensor('int32', Int32Array.of(run.past + run.added), []),
    });
    const data = (await outputs.output!.getData()) as Float32Array | Uint16Array;
    const actual = data instanceof Float32Array ? data : float16ToFloat32(data);
    const expected = referenceAttention(shape, inputs, run.past, run.added);
    if (!expected.every((value, i) => Math.abs(value - actual[i]!) <= TOLERANCE[dtype])) return false;
  }
  return true;
}

export interface AttentionInputs {
  /** [S, heads, d], [S, kv, d], [S, kv, d]: the new positions. */
  query: Float32Array<ArrayBuffer>;
  key: Float32Array<ArrayBuffer>;
  value: Float32Array<ArrayBuffer>;
  /** [kv, past, d]: the cached positions. */
  pastKey: Float32Array<ArrayBuffer>;
  pastValue: Float32Array<ArrayBuffer>;
}

/** Random values in [-2, 2), exactly representable in the shape's type, so the reference computes from what the device reads. */
export function seededInputs({ numHeads, kvHeads, headDim, dtype }: AttentionShape, past: number, added: number, seed: number): AttentionInputs {
  const random = seededRandom(seed);
  const values = (length: number) => {
    const drawn = Float32Array.from({ length }, () => (random() - 0.5) * 4);
    return dtype === 'float16' ? float16ToFloat32(float32ToFloat16(drawn)) : drawn;
  };
  return {
    query: values(added * numHeads * headDim),
    key: values(added * kvHeads * headDim),
    value: values(added * kvHeads * headDim),
    pastKey: values(kvHeads * past * headDim),
    pastValue: values(kvHeads * past * headDim),
  };
}

/** Causal attention of each new position over the cache and the new positions up to itself. */
export function referenceAttention({ numHeads, kvHeads, headDim }: AttentionShape, inputs: AttentionInputs, past: number, added: number): Float64Array {
  const out = new Float64Array(added * numHeads * headDim);
  const row = (kind: 'key' | 'value', kv: number, position: number, i: number) =>
    position < past
      ? inputs[kind === 'key' ? 'pastKey' : 'pastValue'][(kv * past + position) * headDim + i]!
      : inputs[kind][((position - past) * kvHeads + kv) * headDim + i]!;
  for (let s = 0; s < added; s++) {
    for (let head = 0; head < numHeads; head++) {
      const kv = Math.floor(head / (numHeads / kvHeads));
      const visible = past + s + 1;
      const scores = new Float64Array(visible);
      for (let t = 0; t < visible; t++) {
        let dot = 0;
        for (let i = 0; i < headDim; i++) dot += inputs.query[(s * numHeads + head) * headDim + i]! * row('key', kv, t, i);
        scores[t] = dot / Math.sqrt(headDim);
      }
      const max = Math.max(...scores);
      let sum = 0;
      for (let t = 0; t < visible; t++) sum += scores[t] = Math.exp(scores[t]! - max);
      for (let i = 0; i < headDim; i++) {
        let weighted = 0;
        for (let t = 0; t < visible; t++) weighted += scores[t]! * row('value', kv, t, i);
        out[(s * numHeads + head) * headDim + i] = weighted / sum;
      }
    }
  }
  return out;
}

/** One GroupQueryAttention node (com.microsoft), in the shape's type, with its inputs and outputs. */
export function attentionModel({ numHeads, kvHeads, headDim, dtype }: AttentionShape): Uint8Array {
  const FLOAT = dtype === 'float16' ? onnx.TensorProto.DataType.FLOAT16 : onnx.TensorProto.DataType.FLOAT;
  const INT32 = onnx.TensorProto.DataType.INT32;
  const value = (name: string, elemType: number, dims: (number | string)[]) => ({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  });
  const int = (name: string, i: number) => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });
  const graph = {
    name: 'group_query_attention_check',
    node: [
      {
        opType: 'GroupQueryAttention',
        domain: MS_DOMAIN,
        input: ['query', 'key', 'value', 'past_key', 'past_value', 'seqlens_k', 'total_sequence_length'],
        output: ['output', 'present_key', 'present_value'],
        attribute: [int('num_heads', numHeads), int('kv_num_heads', kvHeads)],
      },
    ],
    input: [
      value('query', FLOAT, [1, 'S', numHeads * headDim]),
      value('key', FLOAT, [1, 'S', kvHeads * headDim]),
      value('value', FLOAT, [1, 'S', kvHeads * headDim]),
      value('past_key', FLOAT, [1, kvHeads, 'P', headDim]),
      value('past_value', FLOAT, [1, kvHeads, 'P', headDim]),
      value('seqlens_k', INT32, [1]),
      value('total_sequence_length', INT32, []),
    ],
    output: [
      value('output', FLOAT, [1, 'S', numHeads * headDim]),
      value('present_key', FLOAT, [1, kvHeads, 'T', headDim]),
      value('present_value', FLOAT, [1, kvHeads, 'T', headDim]),
    ],
  };
  return onnx.ModelProto.encode({
    irVersion: 8,
    opsetImport: [
      { domain: '', version: 17 },
      { domain: MS_DOMAIN, version: 1 },
    ],
    graph,
  }).finish();
}
