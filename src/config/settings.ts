/** Inkwell's settings, read once per use from `inkwell.*` and checked: a bad value falls back to its default. */
import * as vscode from 'vscode';
import type { DeviceSetting, DtypeSetting } from '../../webview/protocol/engineProtocol';
import { CPU_RUNTIME_SETTINGS, type CpuRuntimeSetting } from '../engineHost/common/chooseEngineRuntime';
import type { GenerationSettings } from '../providers/provider';

export interface InkwellSettings {
  /** A catalog id (`demo:colour-vlm`) or a model folder path. */
  model: string;
  /** The model for inline completions (`inkwell.inlineCompletions.model`); `model` when that is empty. */
  inlineModel: string;
  device: DeviceSetting;
  dtype: DtypeSetting;
  /** Where the engine runs on the CPU: natively in the extension host or in the webview (`inkwell.engine.cpuRuntime`). */
  cpuRuntime: CpuRuntimeSetting;
  generation: GenerationSettings;
}

export const DEFAULT_MODEL = 'demo:colour-vlm';

/** Keys whose change means another model (or the same one loaded differently). */
export const MODEL_SETTING_KEYS = ['inkwell.model', 'inkwell.device', 'inkwell.dtype'] as const;

/** The key whose change means the engine must start again somewhere else. */
export const CPU_RUNTIME_KEY = 'inkwell.engine.cpuRuntime';

export function readSettings(): InkwellSettings {
  const config = vscode.workspace.getConfiguration('inkwell');
  const model = config.get<string>('model')?.trim() || DEFAULT_MODEL;
  return {
    model,
    inlineModel: config.get<string>('inlineCompletions.model')?.trim() || model,
    device: oneOf(config.get('device'), ['auto', 'webgpu', 'wasm'], 'auto'),
    dtype: oneOf(config.get('dtype'), ['auto', 'fp32', 'fp16', 'q4', 'q4f16'], 'auto'),
    cpuRuntime: oneOf(config.get('engine.cpuRuntime'), CPU_RUNTIME_SETTINGS, 'auto'),
    generation: {
      maxNewTokens: Math.round(inRange(config.get('generation.maxNewTokens'), 1, 32_768, 512)),
      temperature: inRange(config.get('generation.temperature'), 0, 2, 0.7),
      topP: inRange(config.get('generation.topP'), 0, 1, 0.9),
      topK: Math.round(inRange(config.get('generation.topK'), 0, 1_000, 40)),
    },
  };
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function inRange(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}
