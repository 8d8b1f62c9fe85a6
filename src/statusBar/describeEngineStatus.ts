/** What the status bar item says for each engine status. Pure, so the wording is testable. */
import type { Device } from '../../webview/engine/api';
import type { EngineStatus } from '../engineHost/common/engineStatus';

export interface StatusBarView {
  text: string;
  tooltip: string;
  /** Draws the item in the theme's warning or error colours. */
  severity?: 'warning' | 'error';
}

/** `cpu` is onnxruntime-node in the extension host, as opposed to WASM on the CPU inside the webview. */
const DEVICE_NAMES: Record<Device, string> = { webgpu: 'WebGPU', wasm: 'WASM', cpu: 'CPU (native)' };

export function describeEngineStatus(status: EngineStatus): StatusBarView {
  switch (status.kind) {
    case 'stopped':
      return { text: '$(circle-large-outline) Inkwell', tooltip: 'Inkwell: the engine starts on the first request. Click for the log.' };
    case 'starting':
      return { text: '$(loading~spin) Inkwell: starting', tooltip: `Inkwell: starting the engine for ${status.model}` };
    case 'loading':
      return {
        text: `$(loading~spin) Inkwell: loading ${Math.round(status.fraction * 100)}%`,
        tooltip: `Inkwell: loading ${status.model} (${status.detail})`,
      };
    case 'ready': {
      const { info } = status;
      const device = DEVICE_NAMES[info.device];
      const speed = status.lastTokensPerSecond === undefined ? '' : `\nLast generation: ${status.lastTokensPerSecond.toFixed(1)} tokens/s`;
      const notices = info.notices.length > 0 ? `\n${info.notices.join('\n')}` : '';
      return {
        text: `${info.notices.length > 0 ? '$(warning)' : '$(check)'} Inkwell: ${device} · ${info.name}`,
        tooltip: `Inkwell: ${info.name} ready on ${device} (${info.dtype})${speed}${notices}`,
        severity: info.notices.length > 0 ? 'warning' : undefined,
      };
    }
    case 'generating':
      return {
        text: `$(loading~spin) Inkwell: ${status.tokensPerSecond.toFixed(1)} tok/s`,
        tooltip: `Inkwell: generating with ${status.info.name} on ${DEVICE_NAMES[status.info.device]}`,
      };
    case 'error':
      return { text: '$(error) Inkwell: error', tooltip: `Inkwell (${status.code}): ${status.message}\nClick for the log.`, severity: 'error' };
  }
}
