/**
 * One-layer ONNX models for the WASM graph rewrites: `output = x @ W` for x [1, sequence, K],
 * W random (seeded), stored as float32 MatMul or 4-bit MatMulNBits as the fixture generator
 * writes them, and a way to run one on onnxruntime-web's wasm backend.
 */
import { GraphBuilder } from '../../scripts/fixtures/onnx/graphBuilder';
import { addLinear, type WeightFormat } from '../../scripts/fixtures/onnx/linearLayer';
import { randomMatrix } from '../../scripts/fixtures/onnx/matrix';
import { createRandom } from '../../scripts/fixtures/random';
import { nodeOrt } from '../../webview/engine/adapters/node/nodeOrt';

export function linearModel(options: { k: number; n: number; format: WeightFormat; seed?: number; output?: string }): Uint8Array {
  const { k, n, format, seed = 1, output = 'y' } = options;
  const b = new GraphBuilder('linear');
  const x = b.input('x', 'float32', [1, 'sequence', k]);
  b.output(output, 'float32', [1, 'sequence', n]);
  b.op('Identity', [addLinear(b, x, { name: 'proj', weight: randomMatrix(createRandom(seed), k, n, 0.05) }, format)], {}, { outputs: [output] });
  return b.encode('test');
}

/** Runs a one-input model on wasm and returns its only output and that output's dims. */
export async function runLinearOnWasm(
  bytes: Uint8Array,
  x: Float32Array,
  k: number,
  externalData?: { path: string; data: Uint8Array },
): Promise<{ values: Float32Array; dims: readonly number[] }> {
  const ort = nodeOrt();
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['wasm'],
    logSeverityLevel: 3,
    externalData: externalData ? [externalData] : [],
  });
  try {
    const outputs = await session.run({ x: new ort.Tensor('float32', x, [1, x.length / k, k]) });
    const output = outputs[session.outputNames[0]!]!;
    return { values: output.data as Float32Array, dims: output.dims };
  } finally {
    await session.release();
  }
}
