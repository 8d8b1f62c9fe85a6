/**
 * Our fix to onnxruntime-web's handling of a captured session's outputs (scripts/ortGraphCapturePatch.ts),
 * on the WebGPU builds as installed: found once in each, the capture flag its binding records
 * joined to the condition that hands back the caller's tensors, and the build refused loudly when
 * the code it fixes is not there.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ORT_WEBGPU_BUILD, patchGraphCaptureOutputs } from '../../../scripts/ortGraphCapturePatch';

const dist = join(import.meta.dirname, '..', '..', '..', 'node_modules', 'onnxruntime-web', 'dist');
const BUILDS = ['ort.webgpu.min.mjs', 'ort.webgpu.bundle.min.mjs', 'ort.webgpu.mjs'];

describe("the fix to onnxruntime-web's replayed outputs", () => {
  for (const build of BUILDS) {
    it(`applies once to ${build}, with the flag its binding records`, () => {
      const source = readFileSync(join(dist, build), 'utf8');
      const patched = patchGraphCaptureOutputs(source);
      const added = patched.length - source.length;
      const [, flag] = /\.set\(\s*[\w$]+,\s*\[\s*[\w$]+,\s*[\w$]+,\s*[\w$]+,\s*[\w$]+,\s*([\w$]+),\s*(?:!0|true)\s*\]\)/.exec(source)!;
      const condition = /if \(([\w$]+) === ([\w$]+)\[([\w$]+)\] \|\| ([\w$]+)\.includes\(\2\[\3\]\) \|\| ([\w$]+)\) \{/.exec(patched);
      assert.ok(condition, 'the fixed condition');
      assert.equal(condition[5], flag);
      assert.ok(added > 0 && added < 120, `the fix adds ${added} characters`);
    });
  }

  it('is applied by the bundler to the WebGPU builds only', () => {
    for (const build of BUILDS) assert.ok(ORT_WEBGPU_BUILD.test(join(dist, build)), build);
    for (const other of ['ort.wasm.min.mjs', 'ort.all.min.mjs', 'ort-wasm-simd-threaded.asyncify.mjs']) assert.ok(!ORT_WEBGPU_BUILD.test(join(dist, other)), other);
  });

  it('refuses a build where the code it fixes is not there', () => {
    const source = readFileSync(join(dist, 'ort.webgpu.min.mjs'), 'utf8');
    assert.throws(() => patchGraphCaptureOutputs(source.replace(/\.includes\(/g, '.indexOf(')), /graph-capture output handling changed/);
  });
});
