/**
 * What the engine tab shows a person who opens it: the GPU, the model and its load progress, the
 * last generation. Plain text nodes only; the page never renders markup it was sent.
 */
import type { EngineToHostMessage, GpuReport } from '../protocol/engineProtocol';

function line(id: string): HTMLElement {
  let element = document.getElementById(id);
  if (!element) {
    element = document.createElement('p');
    element.id = id;
    document.body.append(element);
  }
  return element;
}

export function showGpu(gpu: GpuReport): void {
  line('gpu').textContent = gpu.available
    ? `WebGPU adapter: ${[gpu.vendor, gpu.architecture, gpu.description].filter(Boolean).join(' ') || 'unnamed'}`
    : `No WebGPU: ${gpu.reason}`;
}

export function showOutgoing(message: EngineToHostMessage): void {
  switch (message.type) {
    case 'loadProgress':
      line('model').textContent = `Loading: ${Math.round(message.fraction * 100)}% (${message.detail})`;
      return;
    case 'loaded': {
      const { info } = message;
      line('model').textContent = `Model: ${info.name} on ${info.device === 'webgpu' ? 'WebGPU' : 'WASM'}, ${info.dtype}`;
      line('notices').textContent = info.notices.join(' ');
      return;
    }
    case 'done': {
      const { outcome } = message;
      line('generation').textContent =
        `Last generation: ${outcome.generatedTokens} tokens, ${outcome.tokensPerSecond.toFixed(1)} tokens/s (${outcome.finishReason})`;
      return;
    }
    case 'error':
      line('error').textContent = `Error (${message.code}): ${message.message}`;
      return;
    default:
      return;
  }
}
