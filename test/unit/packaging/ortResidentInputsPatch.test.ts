/**
 * Our fix to onnxruntime-web's copying of inputs (scripts/ortResidentInputsPatch.ts), on the
 * minified builds as installed: both copies of a CPU input made to take a held block instead, the
 * heap's members put on `env.wasm` once, and a build refused loudly when the code it changes is not
 * there or already has the fix. That ORT then reads a held block in place is
 * test/engine/node/residentInputs.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isPatchedOrtBuild, patchOrtBuild } from '../../../scripts/ortPatches';
import { patchResidentInputs } from '../../../scripts/ortResidentInputsPatch';

const dist = join(import.meta.dirname, '..', '..', '..', 'node_modules', 'onnxruntime-web', 'dist');
const BUILDS = ['ort.wasm.min.mjs', 'ort.wasm.bundle.min.mjs', 'ort.webgpu.min.mjs', 'ort.webgpu.bundle.min.mjs'];
const count = (text: string, part: string) => text.split(part).length - 1;

describe("the fix to onnxruntime-web's input copying", () => {
  for (const build of BUILDS) {
    it(`applies to ${build}: both copies take a held block first, the heap on env.wasm once`, () => {
      const source = readFileSync(join(dist, build), 'utf8');
      const patched = patchResidentInputs(source);
      assert.equal(count(patched, '(__inkwellBlock=__inkwellHeld.get('), 2);
      assert.equal(count(patched, '.HEAPU8.set(new Uint8Array('), count(source, '.HEAPU8.set(new Uint8Array('), 'every copy kept for inputs nobody held');
      assert.equal(count(patched, '"inkwellResidentHeap"'), 1);
      assert.ok(patched.length - source.length < 600, `the fix adds ${patched.length - source.length} characters`);
    });
  }

  it('is applied by the bundler with the graph-capture fix to the builds the webviews load', () => {
    for (const build of BUILDS) assert.ok(isPatchedOrtBuild(join(dist, build)), build);
    const webgpu = patchOrtBuild(join(dist, 'ort.webgpu.min.mjs'), readFileSync(join(dist, 'ort.webgpu.min.mjs'), 'utf8'));
    assert.ok(webgpu.includes('"inkwellResidentHeap"') && /\.includes\([\w$]+\[[\w$]+\]\) \|\| [\w$]+\) \{/.test(webgpu), 'both fixes');
    for (const other of ['ort.node.min.mjs', 'ort-wasm-simd-threaded.mjs']) assert.ok(!isPatchedOrtBuild(join(dist, other)), other);
  });

  it('refuses a build where the code it changes is not there, or that has the fix already', () => {
    const source = readFileSync(join(dist, 'ort.wasm.min.mjs'), 'utf8');
    assert.throws(() => patchResidentInputs(source.replace(/\._malloc\(/g, '._xmalloc(')), /input copying changed \(0 copies/);
    assert.throws(() => patchResidentInputs(patchResidentInputs(source)), /already has the fix/);
  });
});
