import assert from 'node:assert/strict';
import type { Ort } from '../../webview/engine/api';
import type { DecoderRunner } from '../../webview/engine/runtime/decoderRunner';

/**
 * The last position's logits of a run of `ids` through `runner`, with its input made by `ort`, the
 * module the runner runs on: the callers each load their own ORT, so this file imports none.
 */
export async function lastLogitsOf(ort: Ort, runner: DecoderRunner, ids: number[]): Promise<Float32Array> {
  const tensor = new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]);
  const logits = await runner.run({ name: 'input_ids', tensor }, ids.length);
  assert.ok(logits instanceof Float32Array);
  return logits;
}
