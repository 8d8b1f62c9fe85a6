import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { nativeRuntimeFiles, nativeTargetOf } from '../../../scripts/package/nativeRuntimeFiles';

const nodeModules = join(import.meta.dirname, '..', '..', '..', 'node_modules');

describe('nativeRuntimeFiles', () => {
  it("takes one platform's binaries and no other platform's", () => {
    const files = nativeRuntimeFiles(nodeModules, nativeTargetOf('linux-x64')!);
    const binaries = files.filter((file) => file.includes('/bin/'));
    assert.ok(binaries.includes('onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node'));
    assert.deepEqual(binaries.filter((file) => !file.startsWith('onnxruntime-node/bin/napi-v6/linux/x64/')), []);
  });

  it('takes the CommonJS code both packages run, without declarations or source maps', () => {
    const files = nativeRuntimeFiles(nodeModules, nativeTargetOf('win32-x64')!);
    for (const needed of ['onnxruntime-node/package.json', 'onnxruntime-node/dist/index.js', 'onnxruntime-common/package.json', 'onnxruntime-common/dist/cjs/index.js']) {
      assert.ok(files.includes(needed), needed);
    }
    assert.deepEqual(files.filter((file) => /\.(d\.ts|map|ts)$/.test(file) || file.includes('/esm/')), []);
  });

  it('knows no binary for platforms onnxruntime-node does not ship', () => {
    assert.equal(nativeTargetOf('darwin-x64'), undefined);
    assert.equal(nativeTargetOf('alpine-x64'), undefined);
  });
});
