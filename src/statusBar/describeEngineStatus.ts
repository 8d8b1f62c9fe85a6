/** What the status bar item says for each engine status. Pure, so the wording is testable. */
import type { EngineStatus } from '../engineHost/common/engineStatus';

export interface StatusBarView {
  text: string;
  tooltip: string;
  /** Draws the item in the theme's warning or error colours. */
  severity?: 'warning' | 'error';
}

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
      const device = info.device === 'webgpu' ? 'WebGPU' : 'WASM';
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
        tooltip: `Inkwell: generating with ${status.info.name} on ${status.info.device === 'webgpu' ? 'WebGPU' : 'WASM'}`,
      };
    case 'error':
      return { text: '$(error) Inkwell: error', tooltip: `Inkwell (${status.code}): ${status.message}\nClick for the log.`, severity: 'error' };
  }
}
