import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseEngineRuntime, type RuntimeQuestion } from '../../../src/engineHost/common/chooseEngineRuntime';
import { aGpuReport } from '../../builders/engineMessages';

const noGpu = { available: false, reason: 'navigator.gpu.requestAdapter() returned no adapter' } as const;

function ask(overrides: Partial<RuntimeQuestion>): ReturnType<typeof chooseEngineRuntime> {
  return chooseEngineRuntime({ setting: 'auto', device: 'auto', ...overrides });
}

describe('chooseEngineRuntime', () => {
  it('asks the webview about WebGPU first when nothing is known yet', () => {
    assert.deepEqual(ask({}), { runtime: 'probe' });
  });

  it('runs natively when the webview has no WebGPU adapter, and says why', () => {
    const decision = ask({ gpu: noGpu });
    assert.equal(decision.runtime, 'native');
    assert.match('reason' in decision ? decision.reason : '', /no WebGPU adapter \(navigator\.gpu\.requestAdapter\(\) returned no adapter\)/);
  });

  it('keeps the webview where WebGPU is available', () => {
    assert.equal(ask({ gpu: aGpuReport() }).runtime, 'webview');
  });

  it('runs natively without probing when inkwell.device is "wasm" (the CPU)', () => {
    assert.equal(ask({ device: 'wasm' }).runtime, 'native');
  });

  it('falls back to the webview once the native runtime failed to start', () => {
    const decision = ask({ gpu: noGpu, nativeFailure: 'no binary for linux-riscv64' });
    assert.equal(decision.runtime, 'webview');
    assert.match('reason' in decision ? decision.reason : '', /could not start: no binary for linux-riscv64/);
  });

  it('"native" runs natively even where WebGPU is available', () => {
    assert.equal(ask({ setting: 'native', gpu: aGpuReport() }).runtime, 'native');
    assert.equal(ask({ setting: 'native' }).runtime, 'native');
  });

  it('"native" still gives way to the webview when the native runtime cannot start', () => {
    assert.equal(ask({ setting: 'native', nativeFailure: 'missing libonnxruntime.so.1' }).runtime, 'webview');
  });

  it('"webview" never runs natively, with or without WebGPU', () => {
    for (const question of [{}, { gpu: noGpu }, { device: 'wasm' as const }]) {
      assert.equal(ask({ setting: 'webview', ...question }).runtime, 'webview');
    }
  });
});
