import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Dtype, Ort } from '../../../webview/engine/api';
import { nodeModelFiles } from '../../../webview/engine/adapters/node/nodeModelFiles';
import { loadModel } from '../../../webview/engine';
import { dawnAdapterName, installDawnWebgpu } from '../../../scripts/bench/node/dawnWebgpu';
import { readingModelPaths, webgpuOrt } from '../../../scripts/bench/node/webgpuOrt';
import { openTransformers } from '../../../scripts/bench/protocol/transformersDriver';
import { findLavapipe } from '../../../scripts/e2e/installation';
import { float16ToFloat32 } from '../../../webview/engine/runtime/float16';
import { fixtureModels } from '../../support/fixtureModels';
import { traceDecoderRuns } from '../browser/page/decoderRunTrace';

/**
 * The fp16 and q4f16 files run where they are meant to, on WebGPU with shader-f16: onnxruntime-web's
 * WebGPU build on Dawn in Node, on Mesa's CPU Vulkan driver (lavapipe, which setup.sh fetches;
 * Chromium's SwiftShader has no shader-f16). transformers.js runs the same files on the same ORT.
 */
const lavapipe = findLavapipe();
const MAX_NEW_TOKENS = 20;
const MESSAGE = 'Write a short note about the sea.';

describe('float16 models on WebGPU with shader-f16 (Dawn on lavapipe)', { skip: lavapipe ? false : 'lavapipe missing: run bash scripts/e2e/setup.sh' }, () => {
  let ort: Ort;
  let model: string;
  before(async () => {
    process.env.VK_ICD_FILENAMES = lavapipe;
    // Mesa's window-system code complains on stderr without one; nothing is displayed.
    process.env.XDG_RUNTIME_DIR ??= tmpdir();
    ort = await webgpuOrt();
    // transformers.js takes the runtime registered here when it first loads.
    (globalThis as Record<symbol, unknown>)[Symbol.for('onnxruntime')] = readingModelPaths(ort);
    model = join(await fixtureModels(), 'tiny-llama');
  });

  it('has an adapter with shader-f16', async () => {
    assert.match((await dawnAdapterName()) ?? 'none', /llvmpipe/);
    assert.ok((await installDawnWebgpu().requestAdapter())!.features.has('shader-f16'));
  });

  for (const dtype of ['fp16', 'q4f16'] as const) {
    it(`${dtype}: the engine runs it rewritten, replaying its steps, and generates transformers.js' tokens while float16 can tell them apart`, async (t) => {
      const trace = traceDecoderRuns(ort);
      const loaded = await loadModel({ ort, files: nodeModelFiles(model), device: 'webgpu', dtype, allowFallback: false });
      const result = await loaded.generate({ messages: [{ role: 'user', content: MESSAGE }], maxNewTokens: MAX_NEW_TOKENS, sampling: { temperature: 0 } }).finally(() => loaded.dispose());
      trace.stop();
      assert.deepEqual([loaded.info.device, loaded.info.dtype], ['webgpu', dtype]);
      // Replayed steps run only on the rewritten graph, whose attention is GroupQueryAttention over a cache bound in place.
      assert.ok(trace.runs.filter((run) => run.replayed).length >= MAX_NEW_TOKENS - 2, JSON.stringify(trace.runs));

      const reference = await transformersIds(model, dtype);
      assert.ok(reference.ids.length === MAX_NEW_TOKENS, `the reference stopped after ${reference.ids.length} tokens`);
      const decided = await idsFloat16Decides(ort, model, dtype, [...reference.promptIds, ...reference.ids], reference.promptIds.length);
      assert.ok(decided >= MAX_NEW_TOKENS / 2, `the reference's ids are near-ties from token ${decided}: the test shows little`);
      t.diagnostic(`${decided} of ${MAX_NEW_TOKENS} ids before a near-tie; the engine's: ${result.tokenIds.join(' ')}; transformers.js': ${reference.ids.join(' ')}`);
      assert.deepEqual(result.tokenIds.slice(0, decided), reference.ids.slice(0, decided));
    });
  }
});

/**
 * How many of the generated ids (after `promptLength`) the file chose by more than float16's
 * rounding: its logits over them in one run, up to the first position whose two largest are
 * within 4 units in the last place of a float16 of their size. Past such a near-tie a graph that
 * sums in another order may pick the other id, and every id after it follows (in float32 the
 * margins here are above 1e-3, against differences of 1e-6, and the ids match throughout).
 */
async function idsFloat16Decides(ort: Ort, modelDir: string, dtype: 'fp16' | 'q4f16', ids: number[], promptLength: number): Promise<number> {
  const config = JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8'));
  const headDim = config.head_dim ?? config.hidden_size / config.num_attention_heads;
  const session = await ort.InferenceSession.create(readFileSync(join(modelDir, 'onnx', `model_${dtype}.onnx`)), { executionProviders: ['webgpu'] });
  const int64 = (values: number[]) => new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), [1, values.length]);
  const emptyPast = Object.fromEntries(
    session.inputNames.filter((name) => name.startsWith('past_key_values.')).map((name) => [name, new ort.Tensor('float16', new Uint16Array(0), [1, config.num_key_value_heads, 0, headDim])]),
  );
  const outputs = await session.run({ input_ids: int64(ids), attention_mask: int64(ids.map(() => 1)), position_ids: int64(ids.map((_, i) => i)), ...emptyPast });
  await session.release();
  const logits = float16ToFloat32(outputs.logits!.data as Uint16Array);
  const vocab = outputs.logits!.dims[2]!;
  for (let i = 0; promptLength + i < ids.length; i++) {
    const row = logits.subarray((promptLength + i - 1) * vocab, (promptLength + i) * vocab);
    const [first, second] = [...row].sort((a, b) => b - a) as [number, number];
    const ulp = 2 ** (Math.floor(Math.log2(Math.abs(first))) - 10);
    if (first - second <= 4 * ulp) return i;
  }
  return ids.length - promptLength;
}

async function transformersIds(modelDir: string, dtype: Dtype): Promise<{ promptIds: number[]; ids: number[] }> {
  const lib = await import('@huggingface/transformers');
  lib.env.allowRemoteModels = false;
  lib.env.useFSCache = false;
  lib.env.localModelPath = `${dirname(modelDir)}/`;
  const id = basename(modelDir);
  const reference = await openTransformers(lib, { modelId: id, family: 'llama', dtype, device: 'auto', executionProviders: ['webgpu'] });
  const tokenizer = await lib.AutoTokenizer.from_pretrained(id);
  const text = tokenizer.apply_chat_template([{ role: 'user', content: MESSAGE }], { tokenize: false, add_generation_prompt: true }) as string;
  const { ids } = await reference.generate({ text }, MAX_NEW_TOKENS);
  await reference.dispose();
  return { promptIds: (tokenizer(text).input_ids.tolist() as bigint[][])[0]!.map(Number), ids };
}
