import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EngineError } from '../../../webview/engine/errors';
import { choosePlacement } from '../../../webview/engine/runtime/choosePlacement';

const noGpu = { available: false as const, reason: 'navigator.gpu is missing' };
const gpuWithoutF16 = { available: true as const, shaderF16: false, adapter: 'SwiftShader' };
const gpuWithF16 = { available: true as const, shaderF16: true, adapter: 'RTX' };
const all = ['fp32', 'q4', 'fp16', 'q4f16'] as const;

describe('choosePlacement', () => {
  it('falls back from WebGPU to WASM and says so', () => {
    const placement = choosePlacement({ device: 'webgpu', dtype: 'q4', allowFallback: true }, noGpu, [...all]);
    assert.equal(placement.device, 'wasm');
    assert.match(placement.notices[0], /WebGPU is unavailable \(navigator\.gpu is missing\)/);
  });

  it('reports WebGPU unavailable when fallback is not allowed', () => {
    assert.throws(
      () => choosePlacement({ device: 'webgpu', dtype: 'q4', allowFallback: false }, noGpu, [...all]),
      (error: unknown) => error instanceof EngineError && error.code === 'webgpu-unavailable' && /wasm/.test(error.message),
    );
  });

  it('runs q4f16 as q4 on a GPU without shader-f16, with a notice', () => {
    const placement = choosePlacement({ device: 'webgpu', dtype: 'q4f16', allowFallback: true }, gpuWithoutF16, [...all]);
    assert.deepEqual([placement.device, placement.dtype], ['webgpu', 'q4']);
    assert.match(placement.notices[0], /shader-f16/);
  });

  it('keeps fp16 on a GPU with shader-f16', () => {
    const placement = choosePlacement({ device: 'webgpu', dtype: 'fp16', allowFallback: true }, gpuWithF16, [...all]);
    assert.deepEqual([placement.device, placement.dtype, placement.notices], ['webgpu', 'fp16', []]);
  });

  it('names the precisions that exist when fp16 cannot run and has no fallback file', () => {
    assert.throws(
      () => choosePlacement({ device: 'wasm', dtype: 'fp16', allowFallback: true }, noGpu, ['q4', 'fp16']),
      (error: unknown) => error instanceof EngineError && error.code === 'dtype-unsupported' && /Choose one of: q4/.test(error.message),
    );
  });
});
