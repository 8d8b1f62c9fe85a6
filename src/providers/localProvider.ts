/**
 * The `local` GenerationProvider: runs the model named by the settings in the engine webview on
 * this machine. `purpose: 'inline'` runs `inkwell.inlineCompletions.model`; when that is another
 * model than `inkwell.model`, it runs in a second engine webview, so that both stay loaded.
 */
import type * as vscode from 'vscode';
import type { InkwellSettings } from '../config/settings';
import type { LoadSpec } from '../engineHost/common/engineConnection';
import type { EngineHost } from '../engineHost/common/engineHost';
import { EngineHostError } from '../engineHost/common/engineHostError';
import type { WireMessage } from '../../webview/protocol/engineProtocol';
import {
  ProviderError,
  type GenerationOutcome,
  type GenerationProvider,
  type GenerationRequest,
  type ProviderErrorCode,
  type ProviderModelInfo,
} from './provider';

/** Bundled, so it is always there to suggest when the chosen model cannot read images. */
const IMAGE_MODEL_SUGGESTION = 'demo:colour-vlm';

export interface LocalProviderDeps {
  engine: EngineHost;
  /** Runs the inline-completion model when it differs from the draft model. */
  inlineEngine: EngineHost;
  settings(): InkwellSettings;
  loadSpec(settings: InkwellSettings): Promise<LoadSpec>;
}

export class LocalProvider implements GenerationProvider {
  readonly id = 'local';

  constructor(private readonly deps: LocalProviderDeps) {}

  async describeModel(purpose: GenerationRequest['purpose'] = 'draft'): Promise<ProviderModelInfo> {
    const { engine, settings } = this.route(purpose);
    try {
      const info = await engine.prepare(await this.deps.loadSpec(settings));
      return { name: info.name, canReadImages: info.canReadImages, destination: 'this machine' };
    } catch (error) {
      throw toProviderError(error, settings.model);
    }
  }

  async generate(
    request: GenerationRequest,
    onDelta: (delta: string) => void,
    token: vscode.CancellationToken,
  ): Promise<GenerationOutcome> {
    const { engine, settings } = this.route(request.purpose);
    try {
      const model = await this.deps.loadSpec(settings);
      const prompt = { messages: toWireMessages(request), ...(request.rawPrompt !== undefined && { rawPrompt: request.rawPrompt }) };
      return await engine.generate({ model, ...prompt, settings: request.settings }, onDelta, token);
    } catch (error) {
      throw toProviderError(error, settings.model);
    }
  }

  /** The engine and the settings (with `model` the one to run) that serve `purpose`. */
  private route(purpose: GenerationRequest['purpose']): { engine: EngineHost; settings: InkwellSettings } {
    const settings = this.deps.settings();
    if (purpose !== 'inline' || settings.inlineModel === settings.model) return { engine: this.deps.engine, settings };
    return { engine: this.deps.inlineEngine, settings: { ...settings, model: settings.inlineModel } };
  }
}

export function toWireMessages(request: GenerationRequest): WireMessage[] {
  return request.messages.map((message) => ({
    role: message.role,
    content: message.content.map((part) =>
      // A Node Buffer (what fs reads give) has a toJSON that turns it into a plain object on its
      // way to the webview; a copy into a plain Uint8Array arrives as bytes.
      part.type === 'image' ? { ...part, bytes: new Uint8Array(part.bytes) } : part,
    ),
  }));
}

/** Engine codes that mean "this model, as configured, cannot be used". */
const MODEL_UNAVAILABLE_CODES = new Set(['model-unavailable', 'missing-file', 'invalid-model', 'unsupported-architecture']);

export function toProviderError(error: unknown, modelSetting: string): ProviderError {
  if (error instanceof ProviderError) return error;
  if (!(error instanceof EngineHostError)) {
    return new ProviderError('engine-failed', `The Inkwell engine failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (error.code === 'images-not-supported') {
    const suggestion =
      modelSetting === IMAGE_MODEL_SUGGESTION
        ? 'Choose a model that reads images (a SmolVLM model) in the inkwell.model setting.'
        : `Set inkwell.model to "${IMAGE_MODEL_SUGGESTION}" (bundled) or a SmolVLM model to include images.`;
    return new ProviderError('images-not-supported', `${error.message} ${suggestion}`);
  }
  return new ProviderError(providerCode(error.code), error.message);
}

function providerCode(engineCode: string): ProviderErrorCode {
  if (MODEL_UNAVAILABLE_CODES.has(engineCode)) return 'model-unavailable';
  if (engineCode === 'prompt-too-long' || engineCode === 'engine-crashed') return engineCode;
  return 'engine-failed';
}
